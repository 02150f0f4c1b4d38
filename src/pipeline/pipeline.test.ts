import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseTextPage } from "../extract/text-page.js";
import { ENGLISH_PAGE, GREEK_PAGE } from "../testing/fixtures.js";
import { buildDoc, docContentHash } from "./build.js";
import { defaultPipeline } from "./default.js";
import { Pipeline, PipelineError, type Component } from "./pipeline.js";

const noop = (name: string, requires: string[], provides: string[]): Component => ({ name, requires, provides, run() {} });

test("a pipeline refuses a component whose requirement no earlier component provides", () => {
  assert.throws(() => new Pipeline([noop("ner", ["tokens"], ["mentions"])]), (e: unknown) => e instanceof PipelineError && /"ner" requires layer "tokens"/.test(e.message));
  assert.doesNotThrow(() => new Pipeline([noop("tok", ["text"], ["tokens"]), noop("ner", ["tokens"], ["mentions"])]));
});

test("the built text is headline, blank line, paragraphs separated by blank lines", () => {
  const doc = buildDoc({ title: " Τίτλος ", paragraphs: ["Πρώτη  παράγραφος.", "", "Δεύτερη."], related: [], meta: {} });
  assert.equal(doc.text, "Τίτλος\n\nΠρώτη παράγραφος.\n\nΔεύτερη.");
  assert.deepEqual(doc.meta.title, { start: 0, end: 6 });
  assert.deepEqual(doc.layers.paragraphs, [{ start: 8, end: 25 }, { start: 27, end: 35 }]);
});

test("the text is NFC", () => {
  const doc = buildDoc({ title: "Ρωσι\u0301α", paragraphs: [], related: [], meta: {} });
  assert.equal(doc.text, "Ρωσία");
});

test("the default pipeline identifies the language and splits sentences", () => {
  const el = defaultPipeline().run(buildDoc(parseTextPage(GREEK_PAGE)));
  assert.equal(el.lang, "el");
  const sentences = el.layers.sentences.map((s) => el.text.slice(s.start, s.end));
  assert.ok(sentences.includes("«Δεν υπάρχουν αλλαγές στα σχέδιά μας», τόνισε ο κ. Δημητρίου, όπως μετέδωσε το Αθηναϊκό Πρακτορείο."));
  assert.equal(el.layers.related.length, 3);
  const en = defaultPipeline().run(buildDoc(parseTextPage(ENGLISH_PAGE)));
  assert.equal(en.lang, "en");
  assert.ok(en.layers.sentences.some((s) => en.text.slice(s.start, s.end) === "Dr. Peter Hall, an economist, said the U.S. and European markets would feel the delays within days."));
});

test("a language given by the input is kept", () => {
  const doc = defaultPipeline().run(buildDoc(parseTextPage(ENGLISH_PAGE), { lang: "el" }));
  assert.equal(doc.lang, "el");
});

test("the id and content hash are stable and depend on the content or URL", () => {
  const a = buildDoc(parseTextPage(GREEK_PAGE));
  const b = buildDoc(parseTextPage(GREEK_PAGE));
  assert.equal(a.id, b.id);
  assert.equal(docContentHash(a), docContentHash(b));
  const c = buildDoc(parseTextPage(ENGLISH_PAGE));
  assert.notEqual(a.id, c.id);
  const withUrl = buildDoc({ ...parseTextPage(GREEK_PAGE), meta: { url: "https://example.org/a" } });
  assert.notEqual(withUrl.id, a.id);
  assert.equal(docContentHash(withUrl), docContentHash(a));
});
