import { strict as assert } from "node:assert";
import { test } from "node:test";
import { bioSpans, SpanScorer, toBilou } from "./ner.js";

test("IOB2 spans, with a stray I- opening a span as conlleval does", () => {
  assert.deepEqual(bioSpans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]), [
    { start: 0, end: 2, type: "PER" },
    { start: 3, end: 4, type: "LOC" },
    { start: 4, end: 5, type: "LOC" },
    { start: 5, end: 6, type: "ORG" },
  ]);
});

test("IOB2 → BILOU keeps the spans", () => {
  const iob = ["O", "B-ORG", "I-ORG", "I-ORG", "B-PER", "O", "B-LOC", "I-LOC"];
  const bilou = toBilou(iob);
  assert.deepEqual(bilou, ["O", "B-ORG", "I-ORG", "L-ORG", "U-PER", "O", "B-LOC", "L-LOC"]);
  assert.deepEqual(bioSpans(bilou), bioSpans(iob));
});

test("exact-span scoring: a boundary error is both a false positive and a false negative", () => {
  const scorer = new SpanScorer();
  // Λευκός Οίκος (ORG) found with the wrong right boundary; Μόσχα (LOC) found; Ριαμπκόφ (PER) missed.
  scorer.add(["B-ORG", "I-ORG", "O", "B-LOC", "O", "B-PER"], ["B-ORG", "O", "O", "B-LOC", "O", "O"]);
  const s = scorer.scores();
  assert.deepEqual([s.micro.tp, s.micro.fp, s.micro.fn], [1, 1, 2]);
  assert.equal(s.micro.precision, 0.5);
  assert.equal(s.micro.recall, 1 / 3);
  assert.ok(Math.abs(s.micro.f1 - 0.4) < 1e-12);
  assert.equal(s.labels.LOC.f1, 1);
  assert.equal(s.labels.PER.recall, 0);
});
