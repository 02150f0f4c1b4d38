// The extractor's own test pages (fixtures/<name>/source.html + expected.json):
// loading, decoding as a fetched page would be, and checking an extraction
// against the expectations (exact metadata, must / must not contain, related).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeBytes } from "../../input/decode.js";
import type { ExtractedArticle } from "../article.js";

/** Fixtures stay in the source tree; compiled code finds them from dist/ too. */
const FIXTURES_DIR = fileURLToPath(new URL("../../../src/extract/html/fixtures/", import.meta.url));
const META_FIELDS = ["published", "modified", "site", "lang", "canonicalUrl", "section", "image"] as const;

export interface FixtureExpectation {
  url?: string;
  /** null: the page is not an article (listing). */
  article?: null;
  charset?: string;
  title?: string;
  published?: string;
  modified?: string;
  authors?: string[];
  site?: string;
  lang?: string;
  canonicalUrl?: string;
  section?: string;
  image?: string;
  mustContain?: string[];
  mustNotContain?: string[];
  relatedMarker?: string;
  related?: { title: string; url: string | null }[];
}

export interface Fixture {
  name: string;
  html: string;
  charset: string;
  expected: FixtureExpectation;
}

export function loadFixtures(dir = FIXTURES_DIR): Fixture[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const bytes = new Uint8Array(readFileSync(`${dir}${d.name}/source.html`));
      const { text, charset } = decodeBytes(bytes, { html: true });
      const expected = JSON.parse(readFileSync(`${dir}${d.name}/expected.json`, "utf8")) as FixtureExpectation;
      return { name: d.name, html: text, charset, expected };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every way the extraction misses the expectations, as one-line messages. */
export function checkFixture(f: Fixture, got: ExtractedArticle | null): string[] {
  const e = f.expected;
  const errors: string[] = [];
  if (e.charset && f.charset !== e.charset) errors.push(`charset ${f.charset}, expected ${e.charset}`);
  if (e.article === null) {
    if (got !== null) errors.push("expected no article (listing page), got one");
    return errors;
  }
  if (!got) return [...errors, "expected an article, got null"];
  if (e.title !== undefined && got.title !== e.title) errors.push(`title ${JSON.stringify(got.title)}, expected ${JSON.stringify(e.title)}`);
  for (const k of META_FIELDS) {
    if (e[k] !== undefined && got.meta[k] !== e[k]) errors.push(`${k} ${JSON.stringify(got.meta[k])}, expected ${JSON.stringify(e[k])}`);
  }
  if (e.authors && JSON.stringify(got.meta.authors ?? []) !== JSON.stringify(e.authors)) {
    errors.push(`authors ${JSON.stringify(got.meta.authors)}, expected ${JSON.stringify(e.authors)}`);
  }
  const body = got.paragraphs.join("\n");
  for (const s of e.mustContain ?? []) if (!body.includes(s)) errors.push(`body lacks "${s}"`);
  for (const s of e.mustNotContain ?? []) if (body.includes(s)) errors.push(`body contains "${s}"`);
  if (e.relatedMarker !== undefined && got.relatedMarker !== e.relatedMarker) errors.push(`relatedMarker ${JSON.stringify(got.relatedMarker)}, expected ${JSON.stringify(e.relatedMarker)}`);
  if (e.related && JSON.stringify(got.related) !== JSON.stringify(e.related)) errors.push(`related ${JSON.stringify(got.related)}, expected ${JSON.stringify(e.related)}`);
  return errors;
}

/** Share of the fixtures that carry a publication date for which it is found exactly. */
export function dateAccuracy(fixtures: Fixture[], extract: (f: Fixture) => ExtractedArticle | null): { right: number; total: number } {
  let right = 0;
  let total = 0;
  for (const f of fixtures) {
    if (!f.expected.published) continue;
    total++;
    if (extract(f)?.meta.published === f.expected.published) right++;
  }
  return { right, total };
}
