// The hand-checked articles of ../shared/gold, as the evaluations read them:
// each `<id>.json` annotation with the `<id>.txt` page it annotates.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeBytes } from "../input/decode.js";

export const DEFAULT_GOLD_DIR = fileURLToPath(new URL("../../../shared/gold/", import.meta.url));

/**
 * The articles of the set's first batches (the seed, a and b), on which the
 * rules were tuned before the set grew to 30; the later ones (batch d) are
 * reported apart as the articles not tuned on.
 */
export const TUNED_GOLD_IDS: ReadonlySet<string> = new Set(["seed", "el-a-02", "el-a-07", "el-b-05", "en-b-01", "en-b-06"]);

export interface GoldArticleFile<T> {
  id: string;
  gold: T;
  /** The page as scraped, decoded. */
  text: string;
}

/** Every annotated article of the folder, by id in name order. */
export function loadGoldArticles<T>(dir: string = DEFAULT_GOLD_DIR): GoldArticleFile<T>[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const id = f.slice(0, -".json".length);
      return { id, gold: JSON.parse(readFileSync(join(dir, f), "utf8")) as T, text: decodeBytes(readFileSync(join(dir, `${id}.txt`))).text };
    });
}
