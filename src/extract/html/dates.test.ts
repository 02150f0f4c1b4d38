// Date reading: ISO forms, Greek and English written dates, numeric orders, URLs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dateFromUrl, dateReader, normalizeIsoDate } from "./dates.js";
import { extractLangData } from "./langdata.js";

const lang = extractLangData();

test("ISO values keep their zone, or stay local without one", () => {
  assert.equal(normalizeIsoDate("2024-10-15T18:48:00+03:00"), "2024-10-15T18:48:00+03:00");
  assert.equal(normalizeIsoDate("2024-10-15T15:48:00.000Z"), "2024-10-15T15:48:00Z");
  assert.equal(normalizeIsoDate("2024-10-15T18:48:00+0300"), "2024-10-15T18:48:00+03:00");
  assert.equal(normalizeIsoDate("2024-10-15 18:48"), "2024-10-15T18:48:00");
  assert.equal(normalizeIsoDate("2024-10-15"), "2024-10-15");
  assert.equal(normalizeIsoDate("2024-02-30"), null);
  assert.equal(normalizeIsoDate("yesterday"), null);
});

test("Greek written dates, with weekday, genitive month and time", () => {
  const el = dateReader(lang, "el");
  assert.equal(el.inText("Τρίτη, 15 Οκτωβρίου 2024, 18:48"), "2024-10-15T18:48:00");
  assert.equal(el.inText("ΤΡΙΤΗ 15 ΟΚΤΩΒΡΙΟΥ 2024"), "2024-10-15");
  assert.equal(el.inText("Δημοσίευση: 3 Μαΐου 2021 στις 9:05 μ.μ."), "2021-05-03T21:05:00");
  assert.equal(el.inText("23/5/2020 18:48"), "2020-05-23T18:48:00");
  assert.equal(el.inText("05.07.2023 | 09:12"), "2023-07-05T09:12:00");
});

test("English written dates and the numeric order of the page's region", () => {
  const us = dateReader(lang, "en-US");
  const gb = dateReader(lang, "en-GB");
  assert.equal(us.inText("Updated Nov. 19, 2019 at 8:57 a.m. EST"), "2019-11-19T08:57:00-05:00");
  assert.equal(us.inText("Published 19 November 2019"), "2019-11-19");
  assert.equal(us.inText("Tue, 19 Nov 2019 08:57:00 GMT"), "2019-11-19T08:57:00Z");
  assert.equal(us.inText("3/5/2020"), "2020-03-05");
  assert.equal(gb.inText("3/5/2020"), "2020-05-03");
  assert.equal(us.inText("25/12/2020"), "2020-12-25");
  assert.equal(us.inText("no date here, only 12 apples"), null);
});

test("dates in URL paths", () => {
  assert.equal(dateFromUrl("https://example.com/2019/11/19/some-story/"), "2019-11-19");
  assert.equal(dateFromUrl("https://example.com/news/2019-11-19-some-story"), "2019-11-19");
  assert.equal(dateFromUrl("https://example.com/a/20191119/story.html"), "2019-11-19");
  assert.equal(dateFromUrl("https://example.com/story-123456"), null);
  assert.equal(dateFromUrl("not a url"), null);
});
