import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseTextPage } from "../extract/text-page.js";
import { ENGLISH_PAGE, GREEK_PAGE } from "../testing/fixtures.js";
import { buildDoc, docContentHash } from "./build.js";
import { defaultPipeline } from "./default.js";
import type { DocField } from "../doc/component.js";
import { nerComponent, posComponent } from "../models/components.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../text/components.js";
import { entitiesComponent } from "../understand/entities/component.js";
import { eventsComponent } from "../understand/events/component.js";
import { quotesComponent } from "../understand/quotes/component.js";
import { timexComponent } from "../understand/time/component.js";
import { Pipeline, PipelineError, type Component } from "./pipeline.js";

const noop = (name: string, reads: DocField[], writes: DocField[], readsIfPresent: DocField[] = []): Component => ({ name, reads, readsIfPresent, writes, run() {} });
const refused = (pattern: RegExp) => (e: unknown) => e instanceof PipelineError && pattern.test(e.message);
const textLayer = () => [langIdComponent(), tokenizeComponent(), sentenceComponent()];

test("a pipeline refuses a component whose requirement no earlier component provides", () => {
  assert.throws(() => new Pipeline([noop("ner", ["tokens"], ["mentions"])]), refused(/"ner" requires layer "tokens"/));
  assert.doesNotThrow(() => new Pipeline([noop("tok", ["text"], ["tokens"]), noop("ner", ["tokens"], ["mentions"])]));
});

test("the default pipeline builds, and so does one without the optional layers", () => {
  assert.doesNotThrow(() => defaultPipeline());
  assert.doesNotThrow(() => new Pipeline([...textLayer(), entitiesComponent(), timexComponent(), eventsComponent()]));
});

test("entities before quotes is refused: the speakers' entity ids would be lost", () => {
  const order = [...textLayer(), posComponent(), nerComponent(), entitiesComponent(), quotesComponent(), timexComponent(), eventsComponent()];
  assert.throws(() => new Pipeline(order), refused(/"entities" updates "quotes\.speaker\.entityId", but the later component "quotes" writes "quotes"/));
});

test("events before entities is refused", () => {
  const order = [...textLayer(), quotesComponent(), timexComponent(), eventsComponent(), entitiesComponent()];
  assert.throws(() => new Pipeline(order), refused(/"events" requires layer "entities", which no earlier component provides/));
});

test("a reader of quotations before the component that updates their speakers is refused", () => {
  const order = [...textLayer(), quotesComponent(), noop("report", ["quotes"], []), entitiesComponent()];
  assert.throws(() => new Pipeline(order), refused(/"report" reads "quotes" before component "entities" updates "quotes\.speaker\.entityId"/));
});

test("a layer read when present may be left out but not written later", () => {
  assert.doesNotThrow(() => new Pipeline([...textLayer(), quotesComponent()]));
  assert.throws(() => new Pipeline([...textLayer(), quotesComponent(), posComponent()]), refused(/"quotes" reads layer "tokens\.pos", which the later component "pos" writes/));
  assert.throws(() => new Pipeline([...textLayer(), nerComponent(), posComponent()]), refused(/"ner" updates "tokens\.lemma", but the later component "pos" writes "tokens\.lemma"/));
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
