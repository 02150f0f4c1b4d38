import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseHTML } from "linkedom";
import type { DocRecord } from "../../doc/record.js";
import { ArticleView, excerpt } from "./article-view.js";
import { ui } from "./i18n.js";

const TITLE = "Ο υπουργός μίλησε";
const BODY = "«Θα προχωρήσουμε», δήλωσε ο Νίκος Δημητρίου την Τρίτη 21 Σεπτεμβρίου 2023 στην Αθήνα.";
const TEXT = `${TITLE}\n\n${BODY}`;
const at = (s: string) => TEXT.indexOf(s);

function record(): DocRecord {
  const quote = { start: at("Θα"), end: at("», δήλωσε") };
  return {
    schemaVersion: 1,
    id: "00112233aabbccdd",
    lang: "el",
    langConfidence: 1,
    title: TITLE,
    body: BODY,
    text: TEXT,
    paragraphs: [{ start: TITLE.length + 2, end: TEXT.length }],
    sentences: [{ start: TITLE.length + 2, end: TEXT.length }],
    tokens: [],
    related: [
      { title: "Άλλο άρθρο", url: "https://example.org/other" },
      { title: "Κακός σύνδεσμος", url: "javascript:alert(1)" },
      { title: "Χωρίς διεύθυνση", url: null },
    ],
    meta: { title: { start: 0, end: TITLE.length }, body: { start: TITLE.length + 2, end: TEXT.length }, url: "data:text/html,x", published: "2023-09-21", site: "example.gr" },
    quotes: [
      {
        ...quote,
        kind: "direct",
        text: "Θα προχωρήσουμε",
        speaker: { name: "Νίκος Δημητρίου", description: null, role: "υπουργός Άμυνας", entityId: "per:nik-dimitr", mention: null },
        cue: "δήλωσε",
        stance: { type: "assert", polarity: "negative" },
        via: "ΑΠΕ",
        citing: null,
      },
    ],
    entities: [
      { id: "per:nik-dimitr", type: "PER", name: "Νίκος Δημητρίου", names: { el: "Νίκος Δημητρίου" }, code: null, key: "nik dimitr", global: true, mentions: [{ start: at("Νίκος"), end: at(" την"), role: "name" }] },
      { id: "loc:athina", type: "LOC", name: "Αθήνα", names: { el: "Αθήνα" }, code: null, key: "athin", global: true, mentions: [{ start: at("Αθήνα"), end: at("Αθήνα") + 5, role: "name" }] },
    ],
    timex: [
      { start: at("την Τρίτη"), end: at(" στην"), text: "την Τρίτη 21 Σεπτεμβρίου 2023", value: "2023-09-21", anchored: true },
      { start: at("Τρίτη"), end: at("Τρίτη") + 5, text: "Τρίτη", value: "XXXX-WXX-2", anchored: false },
    ],
    events: [],
  };
}

const render = (registry: Record<string, number> | null) => {
  const ctx = { ui: ui("en"), url: new URL("http://localhost/articles/00112233aabbccdd") };
  return parseHTML(`<!doctype html><html><body>${String(<ArticleView ctx={ctx} record={record()} registry={registry} jsonHref="/api/articles/00112233aabbccdd" />)}</body></html>`).document;
};

test("an excerpt is cut at a word boundary, with an ellipsis only when cut", () => {
  assert.equal(excerpt("λίγα λόγια"), "λίγα λόγια");
  assert.equal(excerpt("ένα δύο τρία τέσσερα", 10), "ένα δύο…");
});

test("stored: mentions link to their registry entity, unlinked ones stay text; the quotation has its reference and attribution", () => {
  const doc = render({ "per:nik-dimitr": 7 });
  assert.equal(doc.querySelector(".article-text a.ent-PER")?.getAttribute("href"), "/entities/7");
  assert.equal(doc.querySelector(".article-text a.ent-LOC"), null, "an entity the registry lacks is not a link");
  assert.equal(doc.querySelector(".article-text span.ent-LOC")?.textContent, "Αθήνα");
  const ref = doc.querySelector(".article-text .quote a.quote-ref");
  assert.equal(ref?.getAttribute("href"), `#q-${at("Θα")}`);
  const item = doc.querySelector(`#q-${at("Θα")}`);
  assert.equal(item?.querySelector("blockquote")?.textContent, "«Θα προχωρήσουμε»");
  assert.match(item?.querySelector(".attribution")?.textContent ?? "", /Νίκος Δημητρίου, υπουργός Άμυνας.*δήλωσε.*assert, negative.*via.*ΑΠΕ/su);
  assert.equal(doc.querySelector(".article-meta a[type='application/json']")?.getAttribute("href"), "/api/articles/00112233aabbccdd");
});

test("time expressions show their value; a calendar value is a <time>; overlapping ones keep the first", () => {
  const doc = render({});
  const times = doc.querySelectorAll(".article-text .timex");
  assert.equal(times.length, 1);
  assert.equal(times[0].querySelector("time.timex-value")?.getAttribute("datetime"), "2023-09-21");
  assert.match(doc.querySelector(".timex-list")?.textContent ?? "", /Τρίτη → XXXX-WXX-2 \(not anchored to a date\)/u);
});

test("not stored (/analyze): entities link to a lookup of their name; only http(s) addresses are links", () => {
  const doc = render(null);
  assert.equal(doc.querySelector(".article-text a.ent-LOC")?.getAttribute("href"), "/entities?q=%CE%91%CE%B8%CE%AE%CE%BD%CE%B1");
  assert.deepEqual(
    [...doc.querySelectorAll("aside.related li")].map((li) => li.querySelector("a")?.getAttribute("href") ?? null),
    ["https://example.org/other", null, null],
  );
  assert.equal(doc.querySelector(".article-meta .url a"), null, "a data: address is not linked");
  assert.equal(doc.querySelector(".article-meta .url")?.textContent, "data:text/html,x");
});
