import { strict as assert } from "node:assert";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { chooseUi, ui, uiLanguages } from "./i18n.js";

/** The UI sources (tests run from dist/). */
const UI_SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../../src/serve/ui");
const KEY_USE = /\bt\("([\w.]+)"|\["\/\w+", "([\w.]+)"\]/gu;
/** Keys made from a prefix and a value (t(`type.${e.type}`)). */
const PREFIX_USE = /\bt\(`([\w.]+\.)\$\{/gu;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/u.test(e.name) && !e.name.includes(".test.") ? [join(dir, e.name)] : []));
}

test("the interface is in Greek and English, each language named in itself", () => {
  assert.deepEqual(uiLanguages(), [
    { code: "el", name: "Ελληνικά" },
    { code: "en", name: "English" },
  ]);
});

test("every string key the pages use is in every language, and every key is used", () => {
  const used = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sources(UI_SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(KEY_USE)) used.add(m[1] ?? m[2]);
    for (const m of text.matchAll(PREFIX_USE)) prefixes.add(m[1]);
  }
  assert.ok(used.size > 100, `only ${used.size} keys found`);
  for (const { code } of uiLanguages()) for (const key of used) assert.doesNotThrow(() => ui(code).t(key), `${code}: ${key}`);
  assert.throws(() => ui("en").t("no.such.key"), /no UI string "no\.such\.key"/u);
  const table = JSON.parse(readFileSync(resolve(UI_SRC, "../../../lang/en/ui.json"), "utf8")) as Record<string, string>;
  const unused = Object.keys(table).filter((k) => !k.startsWith("language.") && !used.has(k.replace(/\.one$/u, "")) && ![...prefixes].some((p) => k.startsWith(p)));
  assert.deepEqual(unused, []);
});

test("placeholders are filled, numbers written the language's way, and a count of one takes the singular", () => {
  assert.equal(ui("en").t("search.results", { n: 12345 }), "12,345 articles");
  assert.equal(ui("el").t("search.results", { n: 12345 }), "12.345 άρθρα");
  assert.equal(ui("en").t("search.results", { n: 1 }), "1 article");
  assert.equal(ui("en").t("search.resultsAtLeast", { n: 1500, newest: 2000 }), "At least 1,500 articles — the newest 2,000 matches, ranked and counted");
  assert.equal(ui("el").t("quotes.total", { n: 1 }), "1 δήλωση");
  assert.equal(ui("en").t("search.titleFor", { q: "<b>{n}</b>" }), "Search: <b>{n}</b>", "values are not read as placeholders");
  assert.equal(ui("el").language("en"), "Αγγλικά");
  assert.equal(ui("en").language("und"), "undetermined");
});

test("the language of a request: ?ui=, then the cookie, then Accept-Language, else English", () => {
  assert.equal(chooseUi({ param: "el", cookie: "en", acceptLanguage: "en" }), "el");
  assert.equal(chooseUi({ param: "xx", cookie: "el" }), "el");
  assert.equal(chooseUi({ cookie: "fr", acceptLanguage: "fr-FR, el;q=0.8, en;q=0.5" }), "el");
  assert.equal(chooseUi({ acceptLanguage: "el-GR" }), "el");
  assert.equal(chooseUi({ acceptLanguage: "de, *;q=0.1" }), "en");
  assert.equal(chooseUi({ acceptLanguage: "el;q=0, en" }), "en");
  assert.equal(chooseUi({}), "en");
});
