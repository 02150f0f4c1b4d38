import assert from "node:assert/strict";
import { test } from "node:test";
import { parseStoredRecord, RELATIVE_SPANS, SPAN_TEXT, storedRecordJson } from "./stored-spans.js";

const text = "Ο Ριαμπκόφ δήλωσε ότι η συνεργασία συνεχίζεται. Η Μόσχα αρνείται.";
const at = (word: string, from = 0) => ({ start: text.indexOf(word, from), end: text.indexOf(word, from) + word.length });

const record = {
  id: "a",
  paragraphs: [{ start: 0, end: text.length }],
  sentences: [{ start: 0, end: 48 }, { start: 49, end: text.length }],
  mentions: [
    { ...at("Ριαμπκόφ"), text: "Ριαμπκόφ", type: "PER" },
    { ...at("Μόσχα"), text: "Μόσχα", type: "LOC" },
  ],
  // overlapping and out of order: a negative distance from the span before
  timex: [{ start: 20, end: 30, text: "not the words there", value: "X" }, { start: 5, end: 25, text: text.slice(5, 25), value: "Y" }],
  quotes: [{ kind: "indirect", ...at("η συνεργασία συνεχίζεται"), text: "η συνεργασία συνεχίζεται", speaker: { name: "Ριαμπκόφ", mention: at("Ριαμπκόφ") } }],
  entities: [{ id: 0, mentions: [{ ...at("Μόσχα"), role: "name" }, { start: 2, end: 10, role: "name" }] }],
  // a list that is not only spans is left as it is
  mixed: [{ start: 3, end: 4 }, 7],
  empty: [],
  meta: { body: { start: 0, end: text.length } },
};

test("lists of spans are stored relative to the span before and read back as they were, with their texts", () => {
  const json = storedRecordJson(record, text);
  const stored = JSON.parse(json);
  assert.equal(stored[RELATIVE_SPANS], 1);
  assert.deepEqual(stored.sentences, [{ start: 0, end: 48 }, { start: 1, end: text.length - 49 }]);
  assert.deepEqual(stored.mentions[1], { start: at("Μόσχα").start - at("Ριαμπκόφ").end, end: 5, text: SPAN_TEXT, type: "LOC" });
  assert.deepEqual(stored.timex.map((t: { start: number; end: number }) => [t.start, t.end]), [[20, 10], [-25, 20]]);
  assert.equal(stored.timex[0].text, "not the words there");
  // a span outside a list keeps its offsets; its text is still the article's
  assert.deepEqual(stored.quotes[0].speaker.mention, at("Ριαμπκόφ"));
  assert.deepEqual(stored.mixed, record.mixed);
  assert.deepEqual(stored.meta.body, record.meta.body);
  assert.deepEqual(parseStoredRecord(json, text), record);
  assert.ok(!json.includes("συνεχίζεται"), "the article's words are not stored again");
});

test("a record stored before the relative form is read with its offsets as they are, its span texts restored", () => {
  const before = JSON.stringify({ sentences: [{ start: 0, end: 48 }, { start: 49, end: 66 }], mentions: [{ ...at("Μόσχα"), text: SPAN_TEXT, type: "LOC" }] });
  assert.deepEqual(parseStoredRecord(before, text), { sentences: [{ start: 0, end: 48 }, { start: 49, end: 66 }], mentions: [{ ...at("Μόσχα"), text: "Μόσχα", type: "LOC" }] });
});

test("the relative form is shorter for a text's growing offsets", () => {
  const sentences = Array.from({ length: 60 }, (_, i) => ({ start: i * 101 + 1000, end: i * 101 + 1100 }));
  assert.ok(storedRecordJson({ sentences }, "").length < JSON.stringify({ sentences }).length * 0.9);
});
