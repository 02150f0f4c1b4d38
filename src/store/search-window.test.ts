import { strict as assert } from "node:assert";
import { test } from "node:test";
import { DEFAULT_SEARCH_NEWEST, fromWindow, windowRows, windowSize, type WindowRow } from "./search-window.js";

const row = (rowid: number, score: number, lang: string, site: string | null, day: string | null): WindowRow => ({ rowid, score, lang, site, day });

/** Newest first, as the back ends read them. */
const WINDOW: WindowRow[] = [
  row(9, 1.5, "el", "a.gr", "2024-03-02"),
  row(8, 3.0, "en", "b.com", "2024-03-01"),
  row(7, 3.0, "el", "a.gr", null),
  row(5, 0.5, "el", null, "2024-03-01"),
  row(4, 2.0, "en", "a.gr", "2024-02-28"),
];
const PAGE = { limit: 10, offset: 0 };

test("the window's size: the default, a number, every match; anything else is refused", () => {
  assert.equal(windowSize(undefined), DEFAULT_SEARCH_NEWEST);
  assert.equal(windowSize(3), 3);
  assert.equal(windowSize(Infinity), null);
  for (const bad of [0, -1, 2.5, NaN]) assert.throws(() => windowSize(bad), RangeError, String(bad));
  assert.equal(windowRows(3), 4, "one row more tells whether more match");
  assert.equal(windowRows(null), null);
});

test("hits are ranked by relevance, ties the earlier stored first, and paged", () => {
  const r = fromWindow(WINDOW, null, PAGE);
  assert.deepEqual(r.page.map((x) => x.rowid), [7, 8, 4, 9, 5]);
  assert.deepEqual(fromWindow(WINDOW, null, { limit: 2, offset: 1 }).page.map((x) => x.rowid), [8, 4]);
  assert.deepEqual(fromWindow(WINDOW, null, { limit: -1, offset: 3 }).page.map((x) => x.rowid), [9, 5], "a negative limit: the rest");
  assert.equal(r.total, 5);
  assert.equal(r.totalExact, true);
});

test("each facet is counted without its own filter, the total and days with both", () => {
  const r = fromWindow(WINDOW, null, { ...PAGE, lang: "el", site: "a.gr" });
  assert.deepEqual(r.facets.lang, { el: 2, en: 1 });
  assert.deepEqual(r.facets.site, { "a.gr": 2 });
  assert.deepEqual(r.page.map((x) => x.rowid), [7, 9]);
  assert.equal(r.total, 2);
  assert.deepEqual(r.days, [{ day: "2024-03-02", articles: 1 }], "undated articles have no day");
  const all = fromWindow(WINDOW, null, PAGE);
  assert.deepEqual(all.facets.site, { "a.gr": 3, "b.com": 1 }, "most first, articles without a site aside");
  assert.deepEqual(all.days, [
    { day: "2024-02-28", articles: 1 },
    { day: "2024-03-01", articles: 2 },
    { day: "2024-03-02", articles: 1 },
  ]);
});

test("a row beyond the window's size is not counted: it says that more match", () => {
  const full = fromWindow(WINDOW, 4, PAGE);
  assert.equal(full.totalExact, false);
  assert.equal(full.total, 4);
  assert.ok(!full.page.some((x) => x.rowid === 4), "the oldest row is left out");
  const exact = fromWindow(WINDOW.slice(0, 4), 4, PAGE);
  assert.equal(exact.totalExact, true, "exactly `size` matches: the total is exact");
  assert.equal(exact.total, 4);
});
