// A small store for the API tests, built from articles written for them
// (src/serve/api/fixtures/: Greek and English, with quotations, entities linked
// across scripts, events, an outlet, a date and an address each) and a series
// of short articles by one speaker, enough to page through.
import { readFileSync } from "node:fs";
import { analyzeRaw } from "../pipeline/analyze.js";
import { defaultPipeline } from "../pipeline/default.js";
import { SqliteStore } from "../store/sqlite.js";
import type { Store } from "../store/store.js";
import { TempDir } from "./fixtures.js";

const FIXTURE_DIR = new URL("../../src/serve/api/fixtures/", import.meta.url);

export const SERVE_ARTICLES = [
  { file: "el-ryabkov-tehran.txt", published: "2024-03-04", site: "kathimerini.gr" },
  { file: "en-ryabkov-sanctions.txt", published: "2024-03-05", site: "reuters.com" },
  { file: "el-cyprus-energy.txt", published: "2024-03-05", site: "philenews.com" },
  { file: "en-limassol-strike.txt", published: "2024-03-06", site: "cyprus-mail.com" },
] as const;

/** Articles of the series: one a day from 2024-04-01, each with one quotation of the same speaker. */
export const SERIES_ARTICLES = 23;
export const SERIES_SITE = "pelop.gr";
const SERIES_FIRST_DAY = Date.UTC(2024, 3, 1);
const DAY_MS = 86_400_000;

/** Words of the series' differing paragraphs: each article draws its own sequence, so no two are copies of each other. */
const SERIES_WORDS = [
  "φορτηγά", "επιβάτες", "τελωνείο", "αποβάθρα", "ρυμουλκά", "ψαράδες", "γερανοί", "εμπορευματοκιβώτια", "δρομολόγια", "κρουαζιερόπλοια",
  "εργάτες", "ναυτιλία", "καύσιμα", "αποθήκες", "σιδηρόδρομος", "λιμενάρχης", "φάροι", "βυθοκόρηση", "προβλήτα", "ναυπηγεία",
  "ηλεκτροδότηση", "φανάρια", "σταθμός", "εισιτήρια", "ουρές", "τουρίστες", "εξαγωγές", "σταφίδα", "κρασί", "λάδι",
];
const SERIES_PARAGRAPH_WORDS = 40;

export function seriesText(n: number): string {
  let seed = n * 2654435761;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16;
  const words = Array.from({ length: SERIES_PARAGRAPH_WORDS }, () => SERIES_WORDS[next() % SERIES_WORDS.length]);
  return `Ο δήμαρχος της Πάτρας για το λιμάνι, μέρος ${n}\n\n«Το λιμάνι θα ανοίξει ξανά σε ${n} ημέρες», είπε ο δήμαρχος Κώστας Πελετίδης στην Πάτρα.\n\nΗ Πάτρα περιμένει ${n} νέα πλοία από την Ιταλία: ${words.join(", ")}.\n`;
}

export function fixtureText(file: string): string {
  return readFileSync(new URL(file, FIXTURE_DIR), "utf8");
}

export interface ServeStore {
  dir: TempDir;
  store: Store;
  /** Article ids by fixture file name. */
  ids: Record<string, string>;
  seriesIds: string[];
  close(): Promise<void>;
}

export async function buildServeStore(): Promise<ServeStore> {
  const dir = new TempDir();
  const store = new SqliteStore(dir.file("serve.db"));
  const pipeline = defaultPipeline();
  const put = async (text: string, source: string, published: string, site: string, url: string) => {
    const doc = analyzeRaw({ source, mediaType: "text/plain", text, hints: { published, url } }, pipeline);
    doc.meta.site = site;
    return (await store.put(doc)).id;
  };
  const ids: Record<string, string> = {};
  for (const a of SERVE_ARTICLES) ids[a.file] = await put(fixtureText(a.file), a.file, a.published, a.site, `https://${a.site}/news/${a.file.replace(".txt", "")}`);
  const seriesIds: string[] = [];
  for (let n = 1; n <= SERIES_ARTICLES; n++) {
    const day = new Date(SERIES_FIRST_DAY + (n - 1) * DAY_MS).toISOString().slice(0, 10);
    seriesIds.push(await put(seriesText(n), `series-${n}`, day, SERIES_SITE, `https://${SERIES_SITE}/port/${n}`));
  }
  return {
    dir,
    store,
    ids,
    seriesIds,
    close: async () => {
      await store.close();
      dir.remove();
    },
  };
}
