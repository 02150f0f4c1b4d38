// `npm run eval -- gate-taggers [--json]`: the CI gate of the taggers. Runs the
// test-split evaluations of the committed models and exits 1 if any figure falls
// below its floor (set just under what the models achieved when trained), or if
// the model files together exceed the disk budget.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { MODELS_ROOT } from "../models/store.js";
import { evaluateNerModel } from "./ner.js";
import { evaluatePosModel } from "./pos.js";

/** Floors on the test splits. */
export const FLOORS = {
  "ner-el micro F1": 0.89,
  "ner-en micro F1": 0.88,
  "pos-el UPOS": 0.965,
  "pos-el FEATS": 0.89,
  "pos-el lemma": 0.945,
  "pos-en UPOS": 0.955,
} as const;
const MAX_MODEL_BYTES = 60 * 1024 * 1024;

function modelBytes(): number {
  let total = 0;
  for (const dir of readdirSync(MODELS_ROOT)) {
    const path = join(MODELS_ROOT, dir);
    if (!statSync(path).isDirectory()) continue;
    for (const f of readdirSync(path)) total += statSync(join(path, f)).size;
  }
  return total;
}

export async function run(args: string[]): Promise<number> {
  const nerEl = evaluateNerModel("el", "test");
  const nerEn = evaluateNerModel("en", "test");
  const posEl = evaluatePosModel("el", "test");
  const posEn = evaluatePosModel("en", "test");
  const figures: Record<keyof typeof FLOORS, number> = {
    "ner-el micro F1": nerEl.micro.f1,
    "ner-en micro F1": nerEn.micro.f1,
    "pos-el UPOS": posEl.upos,
    "pos-el FEATS": posEl.feats ?? 0,
    "pos-el lemma": posEl.lemma ?? 0,
    "pos-en UPOS": posEn.upos,
  };
  const bytes = modelBytes();
  const failures: string[] = (Object.keys(FLOORS) as (keyof typeof FLOORS)[]).filter((k) => figures[k] < FLOORS[k]);
  if (bytes > MAX_MODEL_BYTES) failures.push(`model files ${bytes} bytes > ${MAX_MODEL_BYTES}`);
  if (args.includes("--json")) console.log(JSON.stringify({ task: "gate-taggers", figures, floors: FLOORS, modelBytes: bytes, failures }));
  else {
    for (const k of Object.keys(FLOORS) as (keyof typeof FLOORS)[]) {
      console.log(`${figures[k] >= FLOORS[k] ? "ok  " : "FAIL"} ${k}: ${figures[k].toFixed(4)} (floor ${FLOORS[k]})`);
    }
    console.log(`${bytes <= MAX_MODEL_BYTES ? "ok  " : "FAIL"} model files: ${(bytes / 1024 / 1024).toFixed(1)} MB (limit 60 MB)`);
  }
  return failures.length ? 1 : 0;
}
