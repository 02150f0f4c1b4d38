// Inputs → decoded raw documents. An input is a file, a folder (read
// recursively, by extension), a JSON Lines file ({url?, title?, text | html,
// published?, lang?} per line), a WARC or WARC.gz file (its HTML responses,
// streamed), a URL list (a .urls file, or a .txt file whose every line that is
// not blank or a # comment is one http(s) URL), a sitemap file (.xml,
// .xml.gz, named on the command line), a URL (a page, or a sitemap or feed
// whose pages are read), or "-" for standard input. Each item
// is either a RawInput or an InputFailure, so a bad file never stops a run:
// an unreadable folder, a broken link or a symbolic-link loop is reported and
// the walk goes on. File names may hold any bytes; labels and messages show
// control characters as visible escapes.
import * as fsp from "node:fs/promises";
import type { Dirent, Stats } from "node:fs";
import { extname } from "node:path";
import { gunzipSync } from "node:zlib";
import { LimitError } from "../util/limits.js";
import { escapeControl } from "../util/terminal.js";
import { decodeBytes, isBinary, stripControls, type CharsetDecision } from "./decode.js";
import { PoliteFetcher } from "./polite.js";
import { fetchUrl } from "./fetch.js";
import { decodeAs, errorMessage, failure, isFailure, type InputFailure, type InputHints, type MediaType, type RawInput } from "./raw.js";
import { documentPages, documentText, isUrlList, parseUrlList, readPages, readUrlInput, URL_INPUT_DEFAULTS, type UrlFetcher, type UrlInputOptions } from "./url-inputs.js";
import { readWarc, warcStream } from "./warc.js";

export type { InputFailure, InputHints, MediaType, RawInput } from "./raw.js";
export { isFailure } from "./raw.js";

export interface ReadOptions {
  /** Largest file or page read, in bytes. */
  maxBytes?: number;
  /** Allow URLs that resolve to private, loopback or link-local addresses. */
  allowPrivate?: boolean;
  /** Time-out for fetching one URL. */
  timeoutMs?: number;
  /** Publication date given to inputs that carry none of their own (YYYY-MM-DD). */
  published?: string;
  /** Standard input, for "-" (replaceable in tests). */
  stdin?: () => Promise<Uint8Array>;
  /** The file system calls of the folder walk and file reads (replaceable in tests). */
  fs?: InputFs;
  /** What fetches URLs (default: a PoliteFetcher with its default manners and the options above). */
  fetcher?: UrlFetcher;
  /** Pages of a list, sitemap or feed fetched ahead. */
  window?: number;
  /** Aborts the fetches (a stop request). */
  signal?: AbortSignal;
}

/** A path as the file system takes it: a string, or bytes for names that are not UTF-8. */
export type FsPath = string | Buffer;

export interface InputFs {
  readdir(path: FsPath): Promise<Dirent<Buffer>[]>;
  stat(path: FsPath): Promise<Stats>;
  readFile(path: FsPath): Promise<Buffer>;
}

const NODE_FS: InputFs = {
  readdir: (path) => fsp.readdir(path, { withFileTypes: true, encoding: "buffer" }),
  stat: (path) => fsp.stat(path),
  readFile: (path) => fsp.readFile(path),
};

export const READ_DEFAULTS = { maxBytes: 20 * 1024 * 1024, allowPrivate: false, timeoutMs: 20_000 };

const TEXT_EXTENSIONS = new Set([".txt", ".text"]);
const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml"]);
const JSONL_EXTENSIONS = new Set([".jsonl", ".ndjson"]);
const URL_LIST_EXTENSIONS = new Set([".urls"]);
const WARC_NAME = /\.warc(?:\.gz)?$/iu;
/** Sitemap files are read only when named on the command line (a folder's .xml files may be anything). */
const SITEMAP_NAME = /\.xml(?:\.gz)?$/iu;
const GZIP_NAME = /\.gz$/iu;
const URL_INPUT = /^https?:\/\//i;
const LOOKS_LIKE_HTML = /^\s*(?:<!doctype html|<html|<head|<body|<\?xml|<!--|<meta|<div|<article)/i;
const STDIN_SOURCE = "stdin";
const PATH_SEPARATOR = Buffer.from("/");
const PRINTABLE_ASCII = /^[\x20-\x7e]$/;

export class InputError extends Error {
  override name = "InputError";
}


/** A file name for people: UTF-8 as written, other bytes as \xNN. */
function nameLabel(name: Buffer): string {
  const text = name.toString("utf8");
  if (Buffer.from(text, "utf8").equals(name)) return text;
  let out = "";
  for (const b of name) {
    const c = String.fromCharCode(b);
    out += PRINTABLE_ASCII.test(c) ? c : `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return out;
}

/** A child path: a string while names are UTF-8, bytes once one is not. */
function childPath(dir: FsPath, name: Buffer): FsPath {
  const text = name.toString("utf8");
  if (typeof dir === "string" && Buffer.from(text, "utf8").equals(name)) return dir.endsWith("/") ? dir + text : `${dir}/${text}`;
  const base = typeof dir === "string" ? Buffer.from(dir, "utf8") : dir;
  return Buffer.concat(base[base.length - 1] === PATH_SEPARATOR[0] ? [base, name] : [base, PATH_SEPARATOR, name]);
}

function childLabel(dir: string, name: Buffer): string {
  return dir.endsWith("/") ? dir + nameLabel(name) : `${dir}/${nameLabel(name)}`;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJsonLine(line: string, source: string, charset: string, charsetDecision: CharsetDecision): RawInput | InputFailure {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return failure(source, `not valid JSON (${errorMessage(err)})`);
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return { source, error: "a JSON Lines record must be an object" };
  const r = obj as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : undefined);
  const html = str("html");
  const text = str("text");
  if (html === undefined && text === undefined) return { source, error: 'a record needs "text" or "html"' };
  const clean = stripControls((html ?? text) as string);
  const hints: InputHints = {};
  for (const k of ["url", "title", "published", "lang"] as const) {
    const v = str(k);
    if (v !== undefined) hints[k] = v;
  }
  const raw: RawInput = { source, mediaType: html !== undefined ? "text/html" : "text/plain", text: clean.text, charset, charsetDecision, hints };
  if (clean.removed) raw.warnings = [`${clean.removed} control character${clean.removed === 1 ? "" : "s"} removed`];
  return raw;
}

function* jsonLines(bytes: Uint8Array, source: string): Generator<RawInput | InputFailure> {
  const decoded = decodeBytes(bytes);
  /** The file's own decoding warnings go with its first record. */
  let fileWarnings = decoded.warnings.map(escapeControl);
  const lines = decoded.text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const item = parseJsonLine(line, `${source}:${i + 1}`, decoded.charset, decoded.decision);
    if (!isFailure(item) && fileWarnings.length) {
      item.warnings = [...fileWarnings, ...(item.warnings ?? [])];
      fileWarnings = [];
    }
    yield item;
  }
}

function sniffMedia(bytes: Uint8Array): "html" | "jsonl" | "text" {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
  if (LOOKS_LIKE_HTML.test(head)) return "html";
  if (/^\s*\{/.test(head)) return "jsonl";
  return "text";
}

function* fromBytes(bytes: Uint8Array, source: string, kind: "html" | "jsonl" | "text"): Generator<RawInput | InputFailure> {
  if (isBinary(bytes)) yield failure(source, "not a text file (binary content)");
  else if (kind === "jsonl") yield* jsonLines(bytes, source);
  else yield decodeAs(bytes, source, kind === "html" ? "text/html" : "text/plain");
}

type FileKind = "html" | "jsonl" | "text" | "warc" | "urls" | "sitemap";

function kindOfPath(path: string, explicit = false): FileKind | null {
  if (WARC_NAME.test(path)) return "warc";
  if (explicit && SITEMAP_NAME.test(path)) return "sitemap";
  const ext = extname(path).toLowerCase();
  if (HTML_EXTENSIONS.has(ext)) return "html";
  if (JSONL_EXTENSIONS.has(ext)) return "jsonl";
  if (TEXT_EXTENSIONS.has(ext)) return "text";
  if (URL_LIST_EXTENSIONS.has(ext)) return "urls";
  return null;
}

/** A file found by the folder walk: its path for the file system and its label for people. */
interface Found {
  path: FsPath;
  label: string;
}

/** Identity of a folder, to recognise it when a link leads back to it. */
function folderKey(info: Stats): string {
  return `${info.dev}:${info.ino}`;
}

/**
 * The article files under a folder, recursively, in name order. Symbolic links
 * are followed; a link back to a folder being walked is reported as a loop, and
 * one to a folder already walked is not walked again. Folders that cannot be
 * read, broken links and special files with an article extension are reported.
 */
async function* walk(fs: InputFs, dir: FsPath, label: string, open: Set<string>, done: Set<string>): AsyncGenerator<Found | InputFailure> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await fs.readdir(dir);
  } catch (err) {
    yield failure(label, `cannot read the folder (${errorMessage(err)})`);
    return;
  }
  const named = entries.map((e) => ({ e, text: e.name.toString("utf8") })).sort((a, b) => a.text.localeCompare(b.text));
  for (const { e, text } of named) {
    if (text.startsWith(".")) continue;
    const path = childPath(dir, e.name);
    const childName = childLabel(label, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    let info: Stats | null = null;
    if (isDir || e.isSymbolicLink()) {
      try {
        info = await fs.stat(path);
      } catch (err) {
        if (kindOfPath(text) || isDir) yield failure(childName, `cannot read it (${errorMessage(err)})`);
        continue;
      }
      isDir = info.isDirectory();
      isFile = info.isFile();
    }
    if (isDir && info) {
      const key = folderKey(info);
      if (open.has(key)) yield failure(childName, "a symbolic link loop (it leads back to a folder being read); not followed");
      else if (!done.has(key)) {
        open.add(key);
        yield* walk(fs, path, childName, open, done);
        open.delete(key);
        done.add(key);
      }
    } else if (kindOfPath(text)) {
      yield isFile ? { path, label: childName } : failure(childName, "not a regular file");
    }
  }
}

async function* walkFolder(fs: InputFs, dir: string): AsyncGenerator<Found | InputFailure> {
  let key: string | null = null;
  try {
    key = folderKey(await fs.stat(dir));
  } catch (err) {
    yield failure(dir, `cannot read the folder (${errorMessage(err)})`);
    return;
  }
  yield* walk(fs, dir, dir, new Set([key]), new Set());
}

type Expanded = typeof READ_DEFAULTS & ReadOptions & { urls: () => UrlInputOptions };

async function* fromFile(fs: InputFs, path: FsPath, label: string, o: Expanded, explicit: boolean): AsyncGenerator<RawInput | InputFailure> {
  const source = escapeControl(label);
  const named = kindOfPath(label, explicit);
  if (named === "warc") {
    yield* readWarc(await warcStream(path), source, { maxBytes: o.maxBytes });
    return;
  }
  const info = await fs.stat(path);
  if (info.size > o.maxBytes) {
    yield failure(label, new LimitError("maxBytes", info.size, o.maxBytes, "the file is larger than the limit").message);
    return;
  }
  let bytes: Uint8Array = await fs.readFile(path);
  if (named === "sitemap") {
    if (GZIP_NAME.test(label)) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: o.maxBytes });
      } catch (err) {
        const tooLarge = err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE";
        yield failure(label, tooLarge ? new LimitError("maxBytes", info.size, o.maxBytes, "the file inflates past the limit").message : `not a gzip file (${errorMessage(err)})`);
        return;
      }
    }
    const pages = documentPages(documentText(bytes), source, undefined, o.urls());
    if (pages) yield* pages;
    else yield failure(label, "not a sitemap or feed");
    return;
  }
  if (named === "urls" || (named === "text" && !isBinary(bytes) && isUrlList(documentText(bytes)))) {
    yield* readPages(parseUrlList(documentText(bytes), source), o.urls());
    return;
  }
  const kind = named ?? (explicit ? sniffMedia(bytes) : null);
  if (kind) yield* fromBytes(bytes, source, kind);
}

/** Raw documents of bytes given directly (a posted form or body), sniffed as HTML, JSON Lines or text as standard input is; the size limit is the caller's. */
export function readBytes(bytes: Uint8Array, source: string): Generator<RawInput | InputFailure> {
  return fromBytes(bytes, escapeControl(source), sniffMedia(bytes));
}

/** How many files (and URLs, and standard input) the inputs name: the units of a progress bar. */
export async function countInputFiles(inputs: string[], fs: InputFs = NODE_FS): Promise<number> {
  let n = 0;
  for (const input of inputs) {
    const info = input === "-" || URL_INPUT.test(input) ? null : await fs.stat(input).catch(() => null);
    if (info?.isDirectory()) for await (const _ of walkFolder(fs, input)) n++;
    else n++;
  }
  return n;
}

/** The file a source label comes from ("feed.jsonl:12" → "feed.jsonl"). */
export function sourceFile(source: string): string {
  return source.replace(/:\d+$/u, "");
}

/** One page fetched through the guarded fetcher (fetch.ts) and decoded; fetch errors are thrown. */
export async function readUrl(url: string, options: ReadOptions = {}): Promise<RawInput> {
  const o = { ...READ_DEFAULTS, ...options };
  const page = await fetchUrl(url, { allowPrivate: o.allowPrivate, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes });
  const html = /html|xml/i.test(page.contentType);
  const raw = decodeAs(page.bytes, escapeControl(url), html ? "text/html" : "text/plain", { url: page.finalUrl }, page.charset);
  if (options.published) raw.hints.published ??= options.published;
  return raw;
}

/** A text given as a string (a text page, or an HTML page), with its control characters removed as from a file. */
export function readString(text: string, source: string, mediaType: MediaType, hints: InputHints = {}): RawInput {
  const clean = stripControls(text);
  const raw: RawInput = { source, mediaType, text: clean.text, hints };
  if (clean.removed) raw.warnings = [`${clean.removed} control character${clean.removed === 1 ? "" : "s"} removed`];
  return raw;
}

/** Expand inputs into decoded raw documents, in order; failures are yielded, not thrown. */
export async function* readInputs(inputs: string[], options: ReadOptions = {}): AsyncGenerator<RawInput | InputFailure> {
  for await (const item of expand(inputs, { ...READ_DEFAULTS, ...options })) {
    if (options.published && !isFailure(item)) item.hints.published ??= options.published;
    yield item;
  }
}

async function* expand(inputs: string[], options: typeof READ_DEFAULTS & ReadOptions): AsyncGenerator<RawInput | InputFailure> {
  const fs = options.fs ?? NODE_FS;
  let urlOptions: UrlInputOptions | null = null;
  const o: Expanded = {
    ...options,
    urls: () =>
      (urlOptions ??= {
        fetcher: options.fetcher ?? new PoliteFetcher({ fetch: { allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes } }),
        window: options.window ?? URL_INPUT_DEFAULTS.window,
        maxSitemaps: URL_INPUT_DEFAULTS.maxSitemaps,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
  };
  for (const input of inputs) {
    try {
      if (input === "-") {
        const bytes = await (o.stdin ?? readStdin)();
        if (bytes.length > o.maxBytes) throw new LimitError("maxBytes", bytes.length, o.maxBytes, "standard input is larger than the limit");
        yield* fromBytes(bytes, STDIN_SOURCE, sniffMedia(bytes));
      } else if (URL_INPUT.test(input)) {
        yield* readUrlInput(input, o.urls());
      } else {
        const info = await fs.stat(input).catch(() => null);
        if (!info) throw new InputError(`no such file or folder: ${input}`);
        if (info.isDirectory()) {
          let files = 0;
          for await (const found of walkFolder(fs, input)) {
            files++;
            if (isFailure(found)) {
              yield found;
              continue;
            }
            try {
              yield* fromFile(fs, found.path, found.label, o, false);
            } catch (err) {
              yield failure(found.label, errorMessage(err));
            }
          }
          if (!files) yield failure(input, "the folder holds no .txt, .html, .jsonl, .warc or .urls file");
        } else yield* fromFile(fs, input, input, o, true);
      }
    } catch (err) {
      yield failure(input, errorMessage(err));
    }
  }
}
