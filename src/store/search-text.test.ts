import { strict as assert } from "node:assert";
import { test } from "node:test";
import Database from "better-sqlite3";
import fc from "fast-check";
import { QUERY_DEFAULTS, QueryError, makeSnippet, parseQuery } from "./search-text.js";
import { MAX_GROWTH, describeGrowth, growth } from "../testing/linear.js";

const match = (q: string) => parseQuery(q).match;

test("a leading - excludes a word from every result, wherever it stands", () => {
  assert.equal(match("drones -russia"), '"drone" NOT "russia"');
  assert.equal(match("-russia drones"), match("drones -russia"));
  assert.equal(match("ports OR drones -russia"), '("port" OR "drone") NOT "russia"');
  assert.equal(match("drones NOT russia ports"), '"drone" NOT "russia" AND "port"');
  assert.deepEqual([...parseQuery("drones -russia").keys], ["drone"]);
});

test("a query of only excluded words, or of no words, is a one-line error", () => {
  assert.throws(() => parseQuery("-russia -ukraine"), (e: unknown) => e instanceof QueryError && /only excluded words/.test(e.message));
  assert.throws(() => parseQuery(" ,, OR "), (e: unknown) => e instanceof QueryError && /no words/.test(e.message));
});

test("repeated terms count once; too many words is refused with the limit named", () => {
  assert.equal(match(Array(4000).fill("drones").join(" ")), match("drones"));
  assert.equal(match(Array(1000).fill("drones OR ports -russia").join(" OR ")), match("drones OR ports -russia"));
  const many = Array.from({ length: QUERY_DEFAULTS.maxTerms + 1 }, (_, i) => `w${i}x`).join(" ");
  assert.throws(() => parseQuery(many), (e: unknown) => e instanceof QueryError && e.message.includes(String(QUERY_DEFAULTS.maxTerms)));
  assert.throws(() => parseQuery("a b c", { maxTerms: 2 }), QueryError);
  assert.throws(() => parseQuery('"a b c"', { maxTerms: 2 }), (e: unknown) => e instanceof QueryError && e.message.includes("more than 2 words"));
  assert.throws(() => parseQuery(`"${"word ".repeat(10_000)}`), QueryError, "an unclosed phrase of many words");
  assert.doesNotThrow(() => parseQuery("a b c a", { maxTerms: 3 }));
});

const HOSTILE_QUERIES: Record<string, (n: number) => string> = {
  "one word repeated": (n) => Array(n).fill("drones").join(" "),
  "a few words in a cycle": (n) => Array.from({ length: n }, (_, i) => `word${i % 20}`).join(" "),
  "operators only": (n) => Array(n).fill("OR NOT AND").join(" "),
  "excluded words repeated": (n) => `drones ${Array(n).fill("-russia").join(" ")}`,
  "one long unclosed phrase": (n) => `"${"word ".repeat(n)}`,
};

/** Parse a query, taking its own one-line error as a result. */
const parse = (q: string): void => {
  try {
    parseQuery(q);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
  }
};

test("parsing time grows linearly with the query (n and 4n within 5×)", () => {
  for (const [name, make] of Object.entries(HOSTILE_QUERIES)) {
    const g = growth(make, parse, 20_000);
    assert.ok(g.ratio <= MAX_GROWTH, describeGrowth(name, g));
  }
});

const QUERY_PIECES = fc.constantFrom("OR", "AND", "NOT", "-", "--", '"', "-x", "drones", "Ρωσία", "(", ")", "*", "^", ":", "NEAR", "\u0000", "\u202e", " ", "\n");

test("parseQuery never throws anything but its one-line QueryError, and FTS5 accepts every match it returns", () => {
  const db = new Database(":memory:");
  db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body)");
  const probe = db.prepare("SELECT COUNT(*) FROM t WHERE t MATCH ?");
  const query = fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.array(fc.oneof(QUERY_PIECES, fc.string({ maxLength: 4 })), { maxLength: 30 }).map((a) => a.join(" ")));
  fc.assert(
    fc.property(query, (q) => {
      let parsed;
      try {
        parsed = parseQuery(q);
      } catch (e) {
        return e instanceof QueryError && !e.message.includes("\n");
      }
      probe.get(parsed.match);
      return true;
    }),
    { numRuns: 2000, seed: 10 },
  );
  db.close();
});

test("a snippet is cut around the densest matches of a long text, wherever they are", () => {
  const filler = "Λόγια χωρίς σημασία για το θέμα που γράφονται ξανά και ξανά. ".repeat(120);
  const text = `${filler}Η ΤΟΥΡΚΊΑ και η Τουρκία απάντησαν. ${filler}Η Τουρκία ξανά.`;
  const { snippet, highlights } = makeSnippet(text, parseQuery("τουρκια").keys);
  assert.ok(snippet.startsWith("…") && snippet.endsWith("…"));
  assert.deepEqual(highlights.map((h) => snippet.slice(h.start, h.end)), ["ΤΟΥΡΚΊΑ", "Τουρκία"], "the densest pair, not the lone match at the end");
  // Letters whose fold is longer than themselves (İ) do not shift where the match is found.
  const turkish = `İİİ İstanbul. ${filler}Η Τουρκία.`;
  const lone = makeSnippet(turkish, parseQuery("τουρκια").keys);
  assert.deepEqual(lone.highlights.map((h) => lone.snippet.slice(h.start, h.end)), ["Τουρκία"]);
  assert.deepEqual(makeSnippet("Κανένα ταίριασμα εδώ.", parseQuery("τουρκια").keys).highlights, []);
});
