// The hand-checked articles of ../shared/gold, as the evaluations read them:
// each `<id>.json` annotation with the `<id>.txt` page it annotates.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeBytes } from "../input/decode.js";

export const DEFAULT_GOLD_DIR = fileURLToPath(new URL("../../../shared/gold/", import.meta.url));

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
