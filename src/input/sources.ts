// Inputs → decoded raw documents. An input is a file, a folder (read
// recursively, by extension), a JSON Lines file ({url?, title?, text | html,
// published?, lang?} per line), a URL, or "-" for standard input. Each item
// is either a RawInput or an InputFailure, so a bad file never stops a run.
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { decodeBytes } from "./decode.js";
import { fetchUrl } from "./fetch.js";

export type MediaType = "text/plain" | "text/html";

export interface InputHints {
  url?: string;
  title?: string;
  published?: string;
  lang?: string;
}

export interface RawInput {
  source: string;
  mediaType: MediaType;
  text: string;
  charset?: string;
  hints: InputHints;
}

export interface InputFailure {
  source: string;
  error: string;
}

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
}

export const READ_DEFAULTS = { maxBytes: 20 * 1024 * 1024, allowPrivate: false, timeoutMs: 20_000 };

const TEXT_EXTENSIONS = new Set([".txt", ".text"]);
const HTML_EXTENSIONS = new Set([".html", ".htm", ".xhtml"]);
const JSONL_EXTENSIONS = new Set([".jsonl", ".ndjson"]);
const URL_INPUT = /^https?:\/\//i;
const LOOKS_LIKE_HTML = /^\s*(?:<!doctype html|<html|<head|<body|<\?xml|<!--|<meta|<div|<article)/i;
const STDIN_SOURCE = "stdin";
const BINARY_SNIFF_BYTES = 8192;
/** Share of control characters above which bytes are taken as binary. */
const MAX_CONTROL_SHARE = 0.02;

export class InputError extends Error {
  override name = "InputError";
}

export function isFailure(x: RawInput | InputFailure): x is InputFailure {
  return "error" in x;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJsonLine(line: string, source: string, charset: string): RawInput | InputFailure {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (err) {
    return { source, error: `not valid JSON (${message(err)})` };
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) return { source, error: "a JSON Lines record must be an object" };
  const r = obj as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : undefined);
  const html = str("html");
  const text = str("text");
  if (html === undefined && text === undefined) return { source, error: 'a record needs "text" or "html"' };
  const hints: InputHints = {};
  for (const k of ["url", "title", "published", "lang"] as const) {
    const v = str(k);
    if (v !== undefined) hints[k] = v;
  }
  return { source, mediaType: html !== undefined ? "text/html" : "text/plain", text: (html ?? text) as string, charset, hints };
}

function* jsonLines(bytes: Uint8Array, source: string): Generator<RawInput | InputFailure> {
  const { text, charset } = decodeBytes(bytes);
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line) yield parseJsonLine(line, `${source}:${i + 1}`, charset);
  }
}

function decodeAs(bytes: Uint8Array, source: string, mediaType: MediaType, hints: InputHints = {}, declared?: string): RawInput {
  const { text, charset } = decodeBytes(bytes, { html: mediaType === "text/html", declared });
  return { source, mediaType, text, charset, hints };
}

function sniffMedia(bytes: Uint8Array): "html" | "jsonl" | "text" {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString("latin1");
  if (LOOKS_LIKE_HTML.test(head)) return "html";
  if (/^\s*\{/.test(head)) return "jsonl";
  return "text";
}

/** NUL bytes or many control characters in the first bytes: not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n * MAX_CONTROL_SHARE;
}

function* fromBytes(bytes: Uint8Array, source: string, kind: "html" | "jsonl" | "text"): Generator<RawInput | InputFailure> {
  if (looksBinary(bytes)) yield { source, error: "not a text file (binary content)" };
  else if (kind === "jsonl") yield* jsonLines(bytes, source);
  else yield decodeAs(bytes, source, kind === "html" ? "text/html" : "text/plain");
}

function kindOfPath(path: string): "html" | "jsonl" | "text" | null {
  const ext = extname(path).toLowerCase();
  if (HTML_EXTENSIONS.has(ext)) return "html";
  if (JSONL_EXTENSIONS.has(ext)) return "jsonl";
  if (TEXT_EXTENSIONS.has(ext)) return "text";
  return null;
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile() && kindOfPath(path)) yield path;
  }
}

async function* fromFile(path: string, o: typeof READ_DEFAULTS, explicit: boolean): AsyncGenerator<RawInput | InputFailure> {
  const info = await stat(path);
  if (info.size > o.maxBytes) {
    yield { source: path, error: `file is ${info.size} bytes, over the limit of ${o.maxBytes} (--max-bytes)` };
    return;
  }
  const bytes = await readFile(path);
  const kind = kindOfPath(path) ?? (explicit ? sniffMedia(bytes) : null);
  if (kind) yield* fromBytes(bytes, path, kind);
}

/** How many files (and URLs, and standard input) the inputs name: the units of a progress bar. */
export async function countInputFiles(inputs: string[]): Promise<number> {
  let n = 0;
  for (const input of inputs) {
    const info = input === "-" || URL_INPUT.test(input) ? null : await stat(input).catch(() => null);
    if (info?.isDirectory()) for await (const _ of walk(input)) n++;
    else n++;
  }
  return n;
}

/** The file a source label comes from ("feed.jsonl:12" → "feed.jsonl"). */
export function sourceFile(source: string): string {
  return source.replace(/:\d+$/u, "");
}

/** Expand inputs into decoded raw documents, in order; failures are yielded, not thrown. */
export async function* readInputs(inputs: string[], options: ReadOptions = {}): AsyncGenerator<RawInput | InputFailure> {
  for await (const item of expand(inputs, { ...READ_DEFAULTS, ...options })) {
    if (options.published && !isFailure(item)) item.hints.published ??= options.published;
    yield item;
  }
}

async function* expand(inputs: string[], o: typeof READ_DEFAULTS & ReadOptions): AsyncGenerator<RawInput | InputFailure> {
  for (const input of inputs) {
    try {
      if (input === "-") {
        const bytes = await (o.stdin ?? readStdin)();
        if (bytes.length > o.maxBytes) throw new InputError(`standard input is over the limit of ${o.maxBytes} bytes (--max-bytes)`);
        yield* fromBytes(bytes, STDIN_SOURCE, sniffMedia(bytes));
      } else if (URL_INPUT.test(input)) {
        const page = await fetchUrl(input, { allowPrivate: o.allowPrivate, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes });
        const html = /html|xml/i.test(page.contentType);
        yield decodeAs(page.bytes, input, html ? "text/html" : "text/plain", { url: page.finalUrl }, page.charset);
      } else {
        const info = await stat(input).catch(() => null);
        if (!info) throw new InputError(`no such file or folder: ${input}`);
        if (info.isDirectory()) {
          let files = 0;
          for await (const path of walk(input)) {
            files++;
            try {
              yield* fromFile(path, o, false);
            } catch (err) {
              yield { source: path, error: message(err) };
            }
          }
          if (!files) yield { source: input, error: "the folder holds no .txt, .html or .jsonl file" };
        } else yield* fromFile(input, o, true);
      }
    } catch (err) {
      yield { source: input, error: message(err) };
    }
  }
}
