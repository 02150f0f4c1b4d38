import { strict as assert } from "node:assert";
import { test } from "node:test";
import { bilouConstraints, bioConstraints, greedy, viterbi, type DecodeInput } from "./decode.js";
import { random } from "./tagger.js";

function randomInput(n: number, c: number, seed: number): DecodeInput {
  const rnd = random(seed);
  return {
    length: n,
    classes: c,
    emissions: Float64Array.from({ length: n * c }, () => rnd() * 4 - 2),
    transitions: Float32Array.from({ length: (c + 1) * c }, () => rnd() * 4 - 2),
  };
}

function pathScore(input: DecodeInput, path: ArrayLike<number>): number {
  const { classes: c, emissions: e, transitions: t, allowed } = input;
  let s = 0;
  let prev = c;
  for (let i = 0; i < path.length; i++) {
    if (allowed && !allowed[prev * c + path[i]]) return -Infinity;
    s += e[i * c + path[i]] + t[prev * c + path[i]];
    prev = path[i];
  }
  return s;
}

function bruteForce(input: DecodeInput): number {
  const { length: n, classes: c } = input;
  let best = -Infinity;
  const path = new Array(n).fill(0);
  for (let code = 0; code < c ** n; code++) {
    let x = code;
    for (let i = 0; i < n; i++) {
      path[i] = x % c;
      x = Math.floor(x / c);
    }
    best = Math.max(best, pathScore(input, path));
  }
  return best;
}

test("Viterbi finds the best-scoring path (checked by brute force)", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const input = randomInput(5, 3, seed);
    assert.ok(Math.abs(pathScore(input, viterbi(input)) - bruteForce(input)) < 1e-9, `seed ${seed}`);
  }
});

test("greedy decoding is never better than Viterbi, and sometimes worse", () => {
  let worse = 0;
  for (let seed = 1; seed <= 30; seed++) {
    const input = randomInput(6, 4, seed);
    const v = pathScore(input, viterbi(input));
    const g = pathScore(input, greedy(input));
    assert.ok(g <= v + 1e-9);
    if (g < v - 1e-9) worse++;
  }
  assert.ok(worse > 0);
});

test("a beam as wide as the class set gives exact Viterbi; a narrow one stays close", () => {
  for (let seed = 1; seed <= 10; seed++) {
    const input = randomInput(8, 6, seed);
    assert.deepEqual(viterbi({ ...input, beam: 6 }), viterbi(input));
    const narrow = pathScore(input, viterbi({ ...input, beam: 3 }));
    assert.ok(narrow <= pathScore(input, viterbi(input)) + 1e-9);
    assert.ok(Number.isFinite(narrow));
  }
});

test("IOB2 constraints: I-X only after B-X or I-X", () => {
  const labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
  const allowed = bioConstraints(labels);
  const c = labels.length;
  const ok = (from: string | null, to: string) => allowed[(from === null ? c : labels.indexOf(from)) * c + labels.indexOf(to)] === 1;
  assert.ok(ok("B-PER", "I-PER"));
  assert.ok(ok("I-PER", "I-PER"));
  assert.ok(!ok("O", "I-PER"));
  assert.ok(!ok("B-LOC", "I-PER"));
  assert.ok(!ok(null, "I-LOC"));
  assert.ok(ok(null, "B-LOC"));
  // Emissions that prefer an ill-formed "O I-PER" get a well-formed path instead.
  const emissions = new Float64Array(2 * c);
  emissions[0] = 1;
  emissions[c + 2] = 5;
  emissions[c + 1] = 4;
  const path = viterbi({ length: 2, classes: c, emissions, transitions: new Float32Array((c + 1) * c), allowed });
  assert.deepEqual(Array.from(path, (k) => labels[k]), ["O", "B-PER"]);
});

test("BILOU constraints: spans open with B and close with L, U stands alone", () => {
  const labels = ["O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "U-PER"];
  const allowed = bilouConstraints(labels);
  const c = labels.length;
  const ok = (from: string | null, to: string) => allowed[(from === null ? c : labels.indexOf(from)) * c + labels.indexOf(to)] === 1;
  assert.ok(ok("B-ORG", "L-ORG"));
  assert.ok(ok("I-ORG", "I-ORG"));
  assert.ok(!ok("B-ORG", "O"));
  assert.ok(!ok("B-ORG", "U-PER"));
  assert.ok(ok("L-ORG", "U-PER"));
  assert.ok(!ok("O", "L-ORG"));
  assert.ok(!ok(null, "I-ORG"));
});

test("constrained Viterbi finds the best allowed path (checked by brute force)", () => {
  const labels = ["O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "U-PER"];
  const allowed = bilouConstraints(labels);
  for (let seed = 1; seed <= 20; seed++) {
    const input = { ...randomInput(5, labels.length, seed), allowed };
    const path = viterbi(input);
    assert.ok(Number.isFinite(pathScore(input, path)), `seed ${seed}: a forbidden move`);
    assert.ok(Math.abs(pathScore(input, path) - bruteForce(input)) < 1e-9, `seed ${seed}`);
  }
});
