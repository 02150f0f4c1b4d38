// Every language table (lang/<code>/*.json) has a JSON Schema in lang/schemas/<table>.schema.json and validates against it.
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { getLang, knownLanguages } from "./lang.js";

const LANG_ROOT = fileURLToPath(new URL("../../lang/", import.meta.url));
const SCHEMA_DIR = `${LANG_ROOT}schemas/`;
const SCHEMA_SUFFIX = ".schema.json";

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

test("every language table has a schema and validates against it", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const languages = knownLanguages();
  assert.ok(languages.length >= 2);
  for (const code of languages) {
    for (const file of readdirSync(`${LANG_ROOT}${code}`).filter((f) => f.endsWith(".json"))) {
      const schemaPath = `${SCHEMA_DIR}${file.slice(0, -".json".length)}${SCHEMA_SUFFIX}`;
      assert.ok(existsSync(schemaPath), `lang/${code}/${file} has no schema (lang/schemas/${file.slice(0, -".json".length)}${SCHEMA_SUFFIX})`);
      const validate = ajv.getSchema((readJson(schemaPath) as { $id: string }).$id) ?? ajv.compile(readJson(schemaPath) as object);
      assert.equal(validate(readJson(`${LANG_ROOT}${code}/${file}`)), true, `lang/${code}/${file}: ${ajv.errorsText(validate.errors)}`);
    }
  }
});

test("every schema belongs to a table of some language", () => {
  const tables = new Set(knownLanguages().flatMap((code) => readdirSync(`${LANG_ROOT}${code}`).map((f) => f.replace(/\.json$/u, ""))));
  for (const file of readdirSync(SCHEMA_DIR)) assert.ok(tables.has(file.slice(0, -SCHEMA_SUFFIX.length)), `lang/schemas/${file} describes no table`);
});

test("dates: every written month form, folded, gives its month; weekdays are ISO-numbered", () => {
  const el = getLang("el").dates;
  for (const [form, month] of [["μαη", 5], ["μαιου", 5], ["μαιο", 5], ["φεβρ", 2], ["οκτωβριο", 10]] as const) assert.equal(el.months.get(form), month, form);
  assert.equal(el.weekdays.get("δευτερασ"), 1);
  assert.equal(getLang("en").dates.numericOrder.GB, "dmy");
  assert.equal(getLang("xx").dates.months.size, 0);
});
