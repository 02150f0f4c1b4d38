import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { GREEK_PAGE } from "../testing/fixtures.js";
import { fromRecord, SCHEMA_VERSION, toRecord } from "./record.js";

const schema = JSON.parse(readFileSync(new URL("../../schema/doc.schema.json", import.meta.url), "utf8"));

function analysed() {
  return defaultPipeline().run(buildDoc(parseTextPage(GREEK_PAGE), { source: "fixture" }));
}

test("a record validates against the JSON Schema in the repository", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const record = toRecord(analysed());
  assert.equal(validate(record), true, JSON.stringify(validate.errors));
  assert.equal(record.schemaVersion, SCHEMA_VERSION);
});

test("the schema rejects a record with a broken span", () => {
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(schema);
  const record = toRecord(analysed());
  const broken = { ...record, sentences: [{ start: -1 }] };
  assert.equal(validate(broken), false);
});

test("title, body and every span index the record's text", () => {
  const r = toRecord(analysed());
  assert.equal(r.text.slice(r.meta.title!.start, r.meta.title!.end), r.title);
  assert.equal(r.text.slice(r.meta.body!.start, r.meta.body!.end), r.body);
  assert.ok(r.body.split("\n\n").length === r.paragraphs.length);
  for (const p of r.paragraphs) assert.ok(r.body.includes(r.text.slice(p.start, p.end)));
  for (const t of r.tokens) assert.ok(t.end > t.start && t.end <= r.text.length);
});

test("a record round-trips through fromRecord", () => {
  const doc = analysed();
  doc.layers.mentions = [{ start: 0, end: 5, text: doc.text.slice(0, 5), type: "LOC" }];
  const again = toRecord(fromRecord(JSON.parse(JSON.stringify(toRecord(doc)))));
  assert.deepEqual(again, toRecord(doc));
});

test("entity names list only the languages that have one; a record with a null name rebuilds without it", () => {
  const r = toRecord(analysed());
  const entities = r.entities ?? [];
  assert.ok(entities.length > 0);
  for (const e of entities) assert.ok(Object.values(e.names).every((n) => typeof n === "string"));
  const old = { ...r, entities: entities.map((e) => ({ ...e, names: { ...e.names, fr: null } })) };
  assert.deepEqual(fromRecord(JSON.parse(JSON.stringify(old))).layers.entities, fromRecord(r).layers.entities);
});

test("a record of another schema version is refused", () => {
  const r = toRecord(analysed());
  assert.throws(() => fromRecord({ ...r, schemaVersion: 99 }), /schema version 99/);
});

test("paragraph kinds from the extractor are kept by the document, its record and the schema", () => {
  const doc = buildDoc({ title: "Τίτλος", paragraphs: ["Υπότιτλος", "", "Κείμενο.", "Σημείο."], kinds: ["heading", null, null, "item"], related: [], meta: {} });
  assert.deepEqual(doc.layers.paragraphs.map((p) => p.kind), ["heading", undefined, "item"]);
  assert.equal("kind" in doc.layers.paragraphs[1], false);
  const record = toRecord(doc);
  assert.equal(new Ajv2020({ strict: false }).compile(schema)(record), true);
  assert.deepEqual(fromRecord(record).layers.paragraphs, doc.layers.paragraphs);
});
