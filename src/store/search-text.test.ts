import { strict as assert } from "node:assert";
import { test } from "node:test";
import Database from "better-sqlite3";
import fc from "fast-check";
import { QUERY_DEFAULTS, QueryError, parseQuery } from "./search-text.js";

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
  assert.doesNotThrow(() => parseQuery("a b c a", { maxTerms: 3 }));
});

const HOSTILE_QUERIES: Record<string, (n: number) => string> = {
  "one word repeated": (n) => Array(n).fill("drones").join(" "),
  "a few words in a cycle": (n) => Array.from({ length: n }, (_, i) => `word${i % 20}`).join(" "),
  "operators only": (n) => Array(n).fill("OR NOT AND").join(" "),
  "excluded words repeated": (n) => `drones ${Array(n).fill("-russia").join(" ")}`,
  "one long unclosed phrase": (n) => `"${"word ".repeat(n)}`,
};
const GROWTH_LIMIT = 5;
const RUNS = 7;
const ROUNDS = 3;

const parseTimed = (q: string): number => {
  const t0 = performance.now();
  try {
    parseQuery(q);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
  }
  return performance.now() - t0;
};

/** Time at 4n over time at n, each the best of interleaved runs, the best of a few rounds. */
function growth(make: (n: number) => string, n: number): number {
  const small = make(n);
  const large = make(4 * n);
  let best = Infinity;
  for (let round = 0; round < ROUNDS && best > GROWTH_LIMIT; round++) {
    let tSmall = Infinity;
    let tLarge = Infinity;
    for (let r = 0; r < RUNS; r++) {
      tSmall = Math.min(tSmall, parseTimed(small));
      tLarge = Math.min(tLarge, parseTimed(large));
    }
    best = Math.min(best, tLarge / tSmall);
  }
  return best;
}

test("parsing time grows linearly with the query (n and 4n within 5×)", () => {
  for (const [name, make] of Object.entries(HOSTILE_QUERIES)) {
    const ratio = growth(make, 20_000);
    assert.ok(ratio <= GROWTH_LIMIT, `${name}: 4n took ${ratio.toFixed(1)}× the time of n`);
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
