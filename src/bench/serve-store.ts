// The store of the serve benchmark: N distinct generated articles (./articles.ts,
// from ../shared/data), each with an outlet, an address and a publication date —
// thirty articles a day, so the archive grows in time as a real one does —
// analysed by the default pipeline and written in batches. A store file that
// already holds the first k articles of the sequence is extended to N, so one
// long build serves every later run (--store-dir).
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { openStore } from "../store/open.js";
import { ArticleGenerator } from "./articles.js";

/** The outlets the generated articles are spread over, in turn. */
export const BENCH_SITES = ["kathimerini.gr", "tanea.gr", "efsyn.gr", "naftemporiki.gr", "reuters.com", "apnews.com"];
const ARTICLES_PER_DAY = 30;
const FIRST_DAY = Date.UTC(2023, 0, 1);
const DAY_MS = 86_400_000;
const PROGRESS_EVERY = 500;

/** The publication date (YYYY-MM-DD) of generated article `i`. */
export function benchDate(i: number): string {
  return new Date(FIRST_DAY + Math.floor(i / ARTICLES_PER_DAY) * DAY_MS).toISOString().slice(0, 10);
}

/** Make `file` hold the first `n` generated articles, adding those it lacks; returns how many were added. */
export async function buildBenchStore(file: string, n: number, log: (line: string) => void = () => {}): Promise<number> {
  const store = await openStore(file);
  try {
    const have = (await store.stats()).articles;
    if (have >= n) return 0;
    const generator = new ArticleGenerator();
    const pipeline = defaultPipeline();
    const started = performance.now();
    await store.beginBatch();
    for (let i = have; i < n; i++) {
      const a = generator.article(i);
      const site = BENCH_SITES[i % BENCH_SITES.length];
      const meta = { url: `https://${site}/news/${i}`, site, published: benchDate(i) };
      const doc = pipeline.run(buildDoc({ title: a.title, paragraphs: a.paragraphs, related: [], meta }));
      const { status } = await store.put(doc);
      if (status !== "added") throw new Error(`article ${i} was ${status}, not added: the generated articles must be distinct`);
      const done = i + 1 - have;
      if (done % PROGRESS_EVERY === 0) log(`  ${i + 1}/${n} articles (${Math.round(done / ((performance.now() - started) / 1000))} articles/s)`);
    }
    await store.endBatch();
    return n - have;
  } finally {
    await store.close();
  }
}
