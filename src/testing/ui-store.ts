// A store for the UI tests (page tests and browser tests), built in a
// temporary folder through the real pipeline: the Greek and English fixture
// articles, a second article quoting the same minister, a run of short
// English reports (more rows than one page), and a hostile article whose
// title, text, address, outlet, related links, entity and speaker names carry
// markup and javascript: links.
import type { Doc } from "../doc/doc.js";
import { parseTextPage } from "../extract/text-page.js";
import { buildDoc } from "../pipeline/build.js";
import { defaultPipeline } from "../pipeline/default.js";
import { SqliteStore } from "../store/sqlite.js";
import { ENGLISH_PAGE, GREEK_PAGE, TempDir } from "./fixtures.js";

export const MINISTER_INTERVIEW = `Δημητρίου: «Η άμυνα της χώρας είναι προτεραιότητα»

«Η άμυνα της χώρας παραμένει η πρώτη μας προτεραιότητα», δήλωσε ο υπουργός Άμυνας Νίκος Δημητρίου σε συνέντευξη την Πέμπτη.

Ο υπουργός πρόσθεσε ότι οι νέες φρεγάτες θα παραδοθούν μέσα στο 2024.
`;

/** Markup and script addresses an article may carry: none of it may ever run in a page. */
export const HOSTILE = {
  script: `<script>window.__xss = "script"; alert("script")</script>`,
  img: `<img src=x onerror="window.__xss = 'img'; alert('img')">`,
  close: `</script><script>alert("close")</script>`,
  link: "javascript:alert('link')",
  data: "data:text/html,<script>alert('data')</script>",
} as const;

export const HOSTILE_PAGE = `Φωτιά στο λιμάνι ${HOSTILE.script} ${HOSTILE.img} στον Πειραιά

Φωτιά ξέσπασε στο λιμάνι του Πειραιά ${HOSTILE.close} το πρωί της Τρίτης, σύμφωνα με την Πυροσβεστική.

«Δεν υπάρχει κίνδυνος για τους κατοίκους ${HOSTILE.script}», δήλωσε ο δήμαρχος Γιάννης Μαυρίδης. Δείτε ${HOSTILE.link} και ${HOSTILE.img}.
`;

/** The words of the short reports, and how many there are (more than one page of results). */
export const REPORT_WORD = "cranes";
export const REPORTS = 27;

export interface UiStore {
  store: SqliteStore;
  file: string;
  ids: { greek: string; interview: string; english: string; hostile: string; reports: string[] };
  remove(): Promise<void>;
}

/** Make the hostile article more hostile than a page can be: names, outlet, address and related links set after analysis. */
function poison(doc: Doc): Doc {
  doc.meta.url = HOSTILE.link;
  doc.meta.site = `${HOSTILE.img}.example`;
  doc.layers.related = [
    { title: HOSTILE.script, url: HOSTILE.link },
    { title: `data ${HOSTILE.close}`, url: HOSTILE.data },
    { title: "vbscript", url: "vbscript:msgbox(1)" },
    { title: "Safe link", url: "https://example.org/safe" },
  ];
  for (const q of doc.layers.quotes ?? []) if (q.speaker) q.speaker = { ...q.speaker, name: `${HOSTILE.img}Γιάννης ${HOSTILE.close}`, role: HOSTILE.script };
  for (const e of doc.layers.entities ?? []) if (e.type === "PER") e.name = `${HOSTILE.script}${e.name}`;
  return doc;
}

export async function buildUiStore(options: { reports?: number } = {}): Promise<UiStore> {
  const dir = new TempDir();
  const file = dir.file("ui.db");
  const store = new SqliteStore(file);
  const pipeline = defaultPipeline();
  const analyse = (page: string, meta: Doc["meta"]) => pipeline.run(buildDoc({ ...parseTextPage(page), meta }));
  const put = async (doc: Doc) => (await store.put(doc)).id;
  const greek = await put(analyse(GREEK_PAGE, { published: "2023-09-21", site: "kathimerini.gr", url: "https://www.kathimerini.gr/politics/1" }));
  const interview = await put(analyse(MINISTER_INTERVIEW, { published: "2023-09-28", site: "ertnews.gr", url: "https://www.ertnews.gr/news/2" }));
  const english = await put(analyse(ENGLISH_PAGE, { published: "2023-09-22", site: "cyprus-mail.com", url: "https://cyprus-mail.com/3" }));
  const hostile = await put(poison(analyse(HOSTILE_PAGE, { published: "2023-09-26" })));
  const reports: string[] = [];
  for (let i = 1; i <= (options.reports ?? REPORTS); i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const page = `Port report ${i}: ${REPORT_WORD} back at work\n\nThe harbour's ${REPORT_WORD} moved ${i * 10} containers on day ${i}, the port authority said.\n`;
    reports.push(await put(analyse(page, { published: `2023-10-${day}`, site: "port-news.example", url: `https://port-news.example/report/${i}` })));
  }
  return {
    store,
    file,
    ids: { greek, interview, english, hostile, reports },
    remove: async () => {
      await store.close();
      dir.remove();
    },
  };
}
