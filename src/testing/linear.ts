// Timing tests of linear cost: the best of a few runs on an input of size n and
// on one of size 4n, compared as a ratio (not as absolute times, which depend on
// the machine). Linear work gives about 4; quadratic work gives about 16. The
// heap is collected before each run, so no run pays for the garbage of another.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Fewest milliseconds a measurement of the small input is taken to last (timer noise). */
const MIN_MS = 2;
const RUNS = 3;
const ATTEMPTS = 3;
/** The growth from n to 4n accepted as linear (4 plus noise). */
export const MAX_GROWTH = 5;

export interface Growth {
  /** Best time on the input of size n, ms. */
  small: number;
  /** Best time on the input of size 4n, ms. */
  large: number;
  ratio: number;
}

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

function timed(run: () => void): number {
  collect();
  const t = performance.now();
  run();
  return performance.now() - t;
}

/** Best times on the two inputs over a few interleaved runs, so that a busy moment of the machine hits both. */
function measure(run: () => void, runLarge: () => void, runs: number): Growth {
  let small = Infinity;
  let large = Infinity;
  for (let i = 0; i < runs; i++) {
    small = Math.min(small, timed(run));
    large = Math.min(large, timed(runLarge));
  }
  return { small, large, ratio: large / Math.max(small, MIN_MS) };
}

/**
 * How much longer `run` takes on make(4n) than on make(n). A measurement over
 * `maxRatio` is taken again (up to ATTEMPTS times) and the lowest ratio kept:
 * a loaded machine can slow one measurement down, but super-linear work is slow
 * every time. Inputs are built outside the timing.
 */
export function growth<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, maxRatio = MAX_GROWTH): Growth {
  const smallInput = make(n);
  const largeInput = make(4 * n);
  run(smallInput);
  run(largeInput);
  const once = () => measure(() => run(smallInput), () => run(largeInput), RUNS);
  let best = once();
  for (let attempt = 1; attempt < ATTEMPTS && best.ratio > maxRatio; attempt++) {
    const g = once();
    if (g.ratio < best.ratio) best = g;
  }
  return best;
}

/** A readable line for an assertion message. */
export function describeGrowth(name: string, g: Growth): string {
  return `${name}: ${g.small.toFixed(1)} ms at n, ${g.large.toFixed(1)} ms at 4n (×${g.ratio.toFixed(1)})`;
}
