// Development sets for article extraction that are not the article-extraction
// benchmark: the test pages of other open extractors, each with its expected
// main text, read from outside the repository — a folder or a git mirror (read
// with `git cat-file`, no work tree needed). The layout is recognised by its
// files: Readability.js test pages, fundus parser test data, newspaper4k test
// data, or a plain folder of <name>/source.html + expected.txt|expected.html.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { decodeBytes } from "../input/decode.js";
import { htmlText } from "./segments.js";

export interface DevPage {
  /** Set name / page name. */
  id: string;
  url: string;
  html: string;
  /** The expected main text, as text (blocks on separate lines). */
  truth: string;
}

export interface DevSet {
  name: string;
  /** Where it was read from, and the commit for a git mirror. */
  origin: string;
  pages: DevPage[];
}

/** Files under a root: a folder or the HEAD tree of a git repository. */
export interface FileSource {
  /** Paths (relative, "/"-separated) of the files under a folder of the source, recursively. */
  list(under: string): string[];
  read(path: string): Buffer;
  /** A label: the commit for git, the folder otherwise. */
  version: string;
}

const GIT_MAX_BUFFER = 256 * 1024 * 1024;

export function folderSource(root: string): FileSource {
  const list = (under: string): string[] => {
    const dir = join(root, under);
    if (!existsSync(dir)) return [];
    const out: string[] = [];
    const walk = (rel: string) => {
      for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
        const p = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) out.push(p);
      }
    };
    walk(under.replace(/\/+$/, ""));
    return out.sort();
  };
  return { list, read: (p) => readFileSync(join(root, p)), version: "folder" };
}

/** Reads "<commit>:<path>" blobs in one `git cat-file --batch` run. */
function readBlobs(git: (args: string[], input?: string) => Buffer, commit: string, paths: string[]): Map<string, Buffer> {
  const out = git(["cat-file", "--batch"], paths.map((p) => `${commit}:${p}\n`).join(""));
  const blobs = new Map<string, Buffer>();
  let at = 0;
  for (const p of paths) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString("utf8").split(" ");
    if (header[1] !== "blob") throw new Error(`git cannot read ${p} (${header.join(" ")})`);
    const size = Number(header[2]);
    blobs.set(p, out.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return blobs;
}

export function gitSource(gitDir: string): FileSource {
  const git = (args: string[], input?: string) => execFileSync("git", ["--git-dir", gitDir, ...args], { maxBuffer: GIT_MAX_BUFFER, input });
  const commit = git(["rev-parse", "HEAD"]).toString("utf8").trim();
  const cache = new Map<string, Buffer>();
  return {
    list: (under) => {
      const paths = git(["ls-tree", "-r", "--name-only", commit, "--", under]).toString("utf8").split("\n").filter(Boolean).sort();
      for (const [p, b] of readBlobs(git, commit, paths.filter((x) => !cache.has(x)))) cache.set(p, b);
      return paths;
    },
    read: (p) => cache.get(p) ?? readBlobs(git, commit, [p]).get(p)!,
    version: commit.slice(0, 12),
  };
}

/** A bare git repository (HEAD, objects/) or a folder. */
export function openSource(path: string): FileSource {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`no development set at ${resolve(path)} (give --set <path> or NEWSGRAPH_DEV_SETS)`);
  const bare = existsSync(join(path, "HEAD")) && existsSync(join(path, "objects"));
  return bare ? gitSource(path) : folderSource(path);
}

const decode = (bytes: Buffer) => decodeBytes(new Uint8Array(bytes), { html: true }).text;
const utf8 = (bytes: Buffer) => bytes.toString("utf8");

const READABILITY_DIR = "test/test-pages/";
const FUNDUS_DIR = "tests/resources/parser/test_data/";
const NEWSPAPER_HTML = "tests/data/html/";
const NEWSPAPER_TXT = "tests/data/txt/";
const VERSION_KEY = /^V(\d+)(?:_(\d+))?$/;
const FUNDUS_HTML = /^(.+)_(\d{4}_\d{2}_\d{2})\.html\.gz$/;

/** Readability.js test pages: <name>/source.html, expected.html (Readability's own output). */
function readabilityPages(src: FileSource): DevPage[] {
  const files = new Set(src.list(READABILITY_DIR));
  const names = [...new Set([...files].map((f) => f.slice(READABILITY_DIR.length).split("/")[0]))].sort();
  const pages: DevPage[] = [];
  for (const name of names) {
    const dir = `${READABILITY_DIR}${name}/`;
    if (!files.has(`${dir}source.html`) || !files.has(`${dir}expected.html`)) continue;
    pages.push({ id: name, url: "", html: decode(src.read(`${dir}source.html`)), truth: htmlText(utf8(src.read(`${dir}expected.html`))) });
  }
  return pages;
}

interface FundusSections {
  summary?: string[];
  sections?: { headline?: string[]; paragraphs?: string[] }[];
}

/** A fundus body as text: summary, then each section's headline and paragraphs. */
export function fundusText(body: FundusSections | undefined): string {
  if (!body) return "";
  const lines = [...(body.summary ?? [])];
  for (const s of body.sections ?? []) lines.push(...(s.headline ?? []), ...(s.paragraphs ?? []));
  return lines.join("\n");
}

function versionOrder(a: string, b: string): number {
  const [, a1, a2] = VERSION_KEY.exec(a) ?? [];
  const [, b1, b2] = VERSION_KEY.exec(b) ?? [];
  return Number(a1) - Number(b1) || Number(a2 ?? 0) - Number(b2 ?? 0) || a.localeCompare(b);
}

/**
 * fundus parser test data: per publisher <Pub>.json with one expected extraction per
 * parser version (V1, V1_1, V2 …) and one <Pub>_<date>.html.gz per version, in date order.
 */
function fundusPages(src: FileSource): DevPage[] {
  const files = src.list(FUNDUS_DIR);
  const htmlByPub = new Map<string, string[]>();
  const urls = new Map<string, string>();
  for (const f of files) {
    const rel = f.slice(FUNDUS_DIR.length);
    const [country, file] = rel.split("/");
    if (!file) continue;
    if (file === "meta.info") {
      const info = JSON.parse(utf8(src.read(f))) as Record<string, { url?: string }>;
      for (const [name, v] of Object.entries(info)) if (v.url) urls.set(`${country}/${name}`, v.url);
      continue;
    }
    const m = FUNDUS_HTML.exec(file);
    if (!m) continue;
    const key = `${country}/${m[1]}`;
    htmlByPub.set(key, [...(htmlByPub.get(key) ?? []), file]);
  }
  const pages: DevPage[] = [];
  for (const key of [...htmlByPub.keys()].sort()) {
    const jsonPath = `${FUNDUS_DIR}${key}.json`;
    let expected: Record<string, { body?: FundusSections }>;
    try {
      expected = JSON.parse(utf8(src.read(jsonPath)));
    } catch {
      continue;
    }
    const versions = Object.keys(expected).sort(versionOrder);
    const htmls = (htmlByPub.get(key) ?? []).sort();
    if (versions.length !== htmls.length) continue;
    const country = key.split("/")[0];
    htmls.forEach((file, i) => {
      const html = decode(gunzipSync(src.read(`${FUNDUS_DIR}${country}/${file}`)));
      pages.push({ id: `${country}/${file.replace(/\.html\.gz$/, "")}`, url: urls.get(`${country}/${file}`) ?? "", html, truth: fundusText(expected[versions[i]].body) });
    });
  }
  return pages;
}

/** newspaper4k test data: html/<name>.html with txt/<name>.txt. */
function newspaperPages(src: FileSource): DevPage[] {
  const txt = new Set(src.list(NEWSPAPER_TXT));
  const pages: DevPage[] = [];
  for (const f of src.list(NEWSPAPER_HTML)) {
    const name = f.slice(NEWSPAPER_HTML.length).replace(/\.html$/, "");
    const t = `${NEWSPAPER_TXT}${name}.txt`;
    if (!f.endsWith(".html") || name.includes("/") || !txt.has(t)) continue;
    pages.push({ id: name, url: "", html: decode(src.read(f)), truth: utf8(src.read(t)) });
  }
  return pages;
}

/** A plain folder: <name>/source.html with expected.txt, or expected.html (read as text). */
function folderPages(src: FileSource): DevPage[] {
  const files = new Set(src.list(""));
  const names = [...new Set([...files].filter((f) => f.endsWith("/source.html")).map((f) => f.slice(0, -"/source.html".length)))].sort();
  const pages: DevPage[] = [];
  for (const name of names) {
    const txt = `${name}/expected.txt`;
    const html = `${name}/expected.html`;
    const truth = files.has(txt) ? utf8(src.read(txt)) : files.has(html) ? htmlText(utf8(src.read(html))) : null;
    if (truth === null) continue;
    pages.push({ id: name, url: "", html: decode(src.read(`${name}/source.html`)), truth });
  }
  return pages;
}

const LAYOUTS: { name: string; probe: string; load: (src: FileSource) => DevPage[] }[] = [
  { name: "readability", probe: READABILITY_DIR, load: readabilityPages },
  { name: "fundus", probe: FUNDUS_DIR, load: fundusPages },
  { name: "newspaper4k", probe: NEWSPAPER_HTML, load: newspaperPages },
];

/** The pages of a development set at `path`, by the layout its files show. */
export function loadDevSet(path: string, src: FileSource = openSource(path)): DevSet {
  for (const layout of LAYOUTS) {
    if (src.list(layout.probe).length === 0) continue;
    const pages = layout.load(src).map((p) => ({ ...p, id: `${layout.name}/${p.id}` }));
    return { name: layout.name, origin: src.version, pages };
  }
  const pages = folderPages(src);
  if (pages.length === 0) throw new Error(`no test pages found in ${resolve(path)} (expected <name>/source.html with expected.txt or expected.html)`);
  return { name: "folder", origin: src.version, pages };
}
