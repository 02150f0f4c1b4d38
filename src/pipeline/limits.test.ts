// The analysis limits: words counted before extraction, tokens after
// tokenising, the time budget between components, and a worker stuck in one
// document replaced while the documents behind it are analysed.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import type { RawInput } from "../input/sources.js";
import { STUCK_WORD } from "../testing/stuck-pipeline.js";
import { LimitError } from "../util/limits.js";
import { analyzeRaw } from "./analyze.js";
import { defaultPipeline } from "./default.js";
import { ANALYSIS_LIMITS, countWords } from "./limits.js";
import { Pipeline } from "./pipeline.js";
import { workerAnalyzer } from "./pool.js";

const STUCK_PIPELINE = fileURLToPath(new URL("../testing/stuck-pipeline.js", import.meta.url));
const LINE = "The council approved the harbour plan on Tuesday, the mayor said.";

function raw(text: string): RawInput {
  return { source: "test", mediaType: "text/plain", text, hints: {} };
}

function limitOf(fn: () => unknown): LimitError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof LimitError, String(err));
    assert.ok(!err.message.includes("\n"));
    return err;
  }
  assert.fail("no limit error");
}

test("words are the runs between white space of any kind", () => {
  assert.equal(countWords(""), 0);
  assert.equal(countWords("  a b\u00a0c\td\n\ne\u2003f "), 6);
  assert.equal(countWords("a,b,c."), 1);
});

test("a text with more words than the token limit is refused before extraction", () => {
  const text = `Headline\n\n${`${LINE} `.repeat(200_000)}`;
  const started = performance.now();
  const err = limitOf(() => analyzeRaw(raw(text), new Pipeline([]), { ...ANALYSIS_LIMITS, maxTokens: 1000 }));
  assert.ok(performance.now() - started < 1000);
  assert.equal(err.limit, "maxTokens");
  assert.match(err.message, /^max-tokens exceeded \(2200001 > 1000\): /);
});

test("a document with more tokens than the limit fails after tokenising", () => {
  const text = `Headline\n\n${"«Ναι», ".repeat(50)}`;
  const err = limitOf(() => analyzeRaw(raw(text), defaultPipeline(), { ...ANALYSIS_LIMITS, maxTokens: 100 }));
  assert.match(err.message, /^max-tokens exceeded \(\d+ > 100\): the document has more tokens/);
});

test("a document over its time budget stops after the component that used it up", () => {
  const slow = new Pipeline([
    {
      name: "slow",
      reads: ["text"],
      writes: [],
      run() {
        const until = performance.now() + 30;
        while (performance.now() < until);
      },
    },
  ]);
  const err = limitOf(() => analyzeRaw(raw(`Headline\n\n${LINE}`), slow, { ...ANALYSIS_LIMITS, timeBudgetMs: 10 }));
  assert.equal(err.limit, "timeBudgetMs");
  assert.match(err.message, /^time-budget exceeded \(\d+ ms > 10 ms\): .*after component "slow"/);
});

test("a worker stuck in one document is replaced: that document fails with the budget named, the others are analysed", async () => {
  const pool = workerAnalyzer(1, { limits: { ...ANALYSIS_LIMITS, timeBudgetMs: 100 }, pipelineModule: STUCK_PIPELINE });
  try {
    const started = performance.now();
    const results = await Promise.allSettled([
      pool.analyze(raw(`First\n\n${LINE}`)),
      pool.analyze(raw(`Hung\n\n${STUCK_WORD} ${LINE}`)),
      pool.analyze(raw(`Third\n\n${LINE}`)),
      pool.analyze(raw(`Fourth\n\n${LINE}`)),
    ]);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const hung = results[1];
    assert.ok(hung.status === "rejected");
    assert.match(String(hung.reason.message), /^time-budget exceeded \(\d+ ms > 100 ms\): the analysis did not finish and its worker was replaced$/);
    assert.ok(performance.now() - started < 10_000);
    assert.ok((await pool.analyze(raw(`Fifth report on the harbour\n\n${LINE}`))).text.startsWith("Fifth report"));
  } finally {
    await pool.close();
  }
});
