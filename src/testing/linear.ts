// Timing tests of linear cost: the processor time of `run` on an input of size n
// and on one of size 4n, compared as a ratio (not as absolute times, which depend
// on the machine). Linear work gives about 4; quadratic work gives about 16.
// Processor time, not wall time, so that other processes on a busy machine do not
// count; each measurement repeats the run until it lasts long enough to be well
// above the clock's resolution, and the heap is collected before it, so that no
// measurement pays for the garbage of another.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Processor time one measurement of the small input should last, ms. */
const TARGET_MS = 40;
const MAX_REPEAT = 200;
const MIN_ROUNDS = 3;
const MAX_ROUNDS = 10;
/** Single runs of the small input whose best sets the repeat count. */
const CALIBRATION_RUNS = 3;
/** Processor-clock resolution, ms: the smallest small time divided by. */
const CLOCK_MS = 0.001;
/** The growth from n to 4n accepted as linear (4 plus noise). */
export const MAX_GROWTH = 5;

export interface Growth {
  /** The smaller of the two sizes compared (n, or 4n after escalation). */
  size: number;
  /** Best processor time on the smaller input (per measurement), ms. */
  small: number;
  /** Best processor time on the input four times as large (per measurement, same repeats), ms. */
  large: number;
  ratio: number;
}

setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Processor time of `repeat` runs, ms. */
function cpuTime(run: () => void, repeat: number): number {
  collect();
  const start = process.cpuUsage();
  for (let i = 0; i < repeat; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Best-of-interleaved processor times of `run` on two inputs, as a ratio. */
function comparePair<T>(run: (input: T) => unknown, smallInput: T, largeInput: T, size: number, maxRatio: number): Growth {
  run(largeInput);
  // The first runs compile the code: the repeat count comes from warm runs.
  let once = Infinity;
  for (let i = 0; i < CALIBRATION_RUNS; i++) once = Math.min(once, cpuTime(() => run(smallInput), 1));
  const repeat = Math.min(MAX_REPEAT, Math.max(1, Math.ceil(TARGET_MS / Math.max(once, 0.01))));
  let small = Infinity;
  let large = Infinity;
  const ratio = () => large / Math.max(small, CLOCK_MS);
  for (let round = 0; round < MIN_ROUNDS || (round < MAX_ROUNDS && ratio() > maxRatio); round++) {
    small = Math.min(small, cpuTime(() => run(smallInput), repeat));
    large = Math.min(large, cpuTime(() => run(largeInput), repeat));
  }
  return { size, small, large, ratio: ratio() };
}

/** Steps up (4n against 16n, then 16n against 64n) taken while the ratio is over the limit. */
const MAX_STEPS_UP = 2;
/**
 * Whole measurements (with their steps up) before a ratio over the limit is
 * final: on a shared machine another process's burst of work (the sibling
 * processor thread, the memory bus) can outlast one measurement and slow the
 * large inputs more than the small ones; super-linear work fails every time.
 */
const ATTEMPTS = 2;

/**
 * How much longer `run` takes on make(4n) than on make(n), from the best of
 * interleaved measurements of each. Measurements go on, up to MAX_ROUNDS, while
 * the ratio is over `maxRatio`: noise slows some of them down, super-linear
 * work slows all of them. A ratio still over it is measured again a step up,
 * make(4n) against make(16n), and once more make(16n) against make(64n): the
 * step from one processor-cache level to the next happens once (a run of
 * "a@" costs about 1.5 times as much a character at 32,000 characters as at
 * 8,000, and no more than that at 128,000), so linear work grows by about 4 above it,
 * while super-linear work grows by more at larger sizes than at smaller ones.
 * A ratio still over the limit then is measured once more from n (ATTEMPTS).
 * Inputs are built outside the timing.
 */
export function growth<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, maxRatio = MAX_GROWTH): Growth {
  let g = measure(make, run, n, maxRatio);
  for (let attempt = 1; attempt < ATTEMPTS && g.ratio > maxRatio; attempt++) g = measure(make, run, n, maxRatio);
  return g;
}

/** One measurement: n against 4n, then the steps up while the ratio is over the limit. */
function measure<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, maxRatio: number): Growth {
  let size = n;
  let small = make(size);
  for (let step = 0; ; step++) {
    const large = make(4 * size);
    const g = comparePair(run, small, large, size, maxRatio);
    if (g.ratio <= maxRatio || step === MAX_STEPS_UP) return g;
    size *= 4;
    small = large;
  }
}

/** A readable line for an assertion message. */
export function describeGrowth(name: string, g: Growth): string {
  return `${name}: ${g.small.toFixed(1)} ms at size ${g.size}, ${g.large.toFixed(1)} ms at size ${4 * g.size} (×${g.ratio.toFixed(1)})`;
}
