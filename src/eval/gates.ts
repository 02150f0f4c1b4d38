// `npm run eval -- gates`: the evaluation gates CI runs after the tests. Each
// gate runs one evaluation (`npm run eval -- <task> --json`) in its own process
// and compares its figures with a floor set just under what the code achieved
// when the floor was set (a ratchet: floors only go up, as accuracy does); any
// figure below its floor fails the run. The gold floors are measured on all 30
// articles of ../shared/gold, the story floors on all 64 of ../shared/gold/stories.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const EVAL_MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

type Json = Record<string, any>;

interface Gate {
  task: string;
  args?: string[];
  /** Figures as [name, value, floor]; without them the exit code alone decides. */
  figures?(result: Json): [string, number, number][];
}

const GATES: Gate[] = [
  {
    task: "structure",
    figures: (r) => [
      ["headline exact", r.title / r.articles, 0.96],
      ["body within 40 chars", r.body / r.articles, 0.99],
      ["related set exact", r.related / r.articles, 0.99],
      ["headline exact, leave one out", r.leaveOneOut.title / r.articles, 0.79],
      ["body within 40 chars, leave one out", r.leaveOneOut.body / r.articles, 0.83],
      ["related set exact, leave one out", r.leaveOneOut.related / r.articles, 0.86],
    ],
  },
  { task: "gate-taggers" },
  {
    task: "extraction",
    figures: (r) => [
      ["newsgraph body F1", r.systems.newsgraph.f1, 0.97],
      ["F1 above Readability.js", r.systems.newsgraph.f1 - r.systems.readability.f1, 0.02],
      ["fixture dates right", r.fixtureDates.right / r.fixtureDates.total, 0.9],
    ],
  },
  {
    task: "quotes",
    figures: (r) => [
      ["el quotation F1", r.el.f1, 0.97],
      ["el speaker accuracy", r.el.speakerAccuracy, 0.97],
      ["en quotation F1", r.en.f1, 0.98],
      ["en speaker accuracy", r.en.speakerAccuracy, 0.97],
      ["el quotation F1, 24 new articles", r.new.el.f1, 0.96],
      ["el speaker accuracy, 24 new articles", r.new.el.speakerAccuracy, 0.95],
      ["en quotation F1, 24 new articles", r.new.en.f1, 0.98],
      ["en speaker accuracy, 24 new articles", r.new.en.speakerAccuracy, 0.96],
    ],
  },
  {
    task: "entities",
    figures: (r) => [
      ["gold groups merged", r.total.groupShare, 0.85],
      ["merge precision", r.total.mergePrecision, 1],
      ["canonical names accepted", r.total.names.share, 0.97],
    ],
  },
  {
    task: "stories",
    figures: (r) => [
      ["el-el pair F1 (all 64)", r.all.pairs["el-el"].f1, 0.72],
      // 0.741 before the size of a change stopped counting as a figure of the event:
      // el-el, el-en and B-cubed rose, and a rate held at the level the decision
      // before had cut it to now meets that decision's report (one en-en pair).
      ["en-en pair F1 (all 64)", r.all.pairs["en-en"].f1, 0.71],
      ["el-en pair F1 (all 64)", r.all.pairs["el-en"].f1, 0.70],
      ["B-cubed F1 (all 64)", r.all.bcubed.f1, 0.81],
    ],
  },
  {
    task: "copies",
    figures: (r) => [
      ["copy precision", r.all.precision, 0.99],
      ["copy recall", r.all.recall, 0.97],
    ],
  },
];

/** The last line of the output that parses as a JSON object. */
function lastJson(stdout: string): Json | null {
  const lines = stdout.trim().split("\n").reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      return JSON.parse(line) as Json;
    } catch {
      continue;
    }
  }
  return null;
}

export async function run(): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const gate of GATES) {
    const res = spawnSync(process.execPath, [EVAL_MAIN, gate.task, "--json", ...(gate.args ?? [])], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const result = lastJson(res.stdout ?? "");
    if (res.status !== 0 || (gate.figures && !result)) {
      const why = res.stderr?.trim().split("\n").pop() || (res.stdout ?? "").trim().split("\n").pop() || "";
      console.log(`✗ ${gate.task}: the evaluation failed (exit ${res.status})${why ? `: ${why}` : ""}`);
      failed++;
      continue;
    }
    if (!gate.figures || !result) {
      console.log(`✓ ${gate.task}: passed its own floors`);
      passed++;
      continue;
    }
    for (const [name, value, floor] of gate.figures(result)) {
      const ok = value >= floor;
      console.log(`${ok ? "✓" : "✗"} ${gate.task}: ${name} ${value.toFixed(3)} (floor ${floor})`);
      if (ok) passed++;
      else failed++;
    }
  }
  console.log(`gates: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}
