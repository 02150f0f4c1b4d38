// WARC and WARC.gz files (web archives, CC-NEWS style), read as a stream with
// warcio: one record at a time, so memory stays flat whatever the file's size.
// Only HTML responses are kept (a `response` record with a 2xx HTTP status and
// an HTML media type); each becomes a RawInput with the record's
// WARC-Target-URI as its URL and its WARC-Date as the publication date used
// when the page names none. A record larger than the byte limit is a failure
// and skipped without being read into memory. A gzip file (per-record members,
// as archives write them) is inflated by zlib on the way in.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { WARCParser } from "warcio";
import { LimitError } from "../util/limits.js";
import { decodeAs, errorMessage, failure, type InputFailure, type RawInput } from "./raw.js";

export interface WarcOptions {
  /** Largest record payload read, in bytes. */
  maxBytes: number;
}

/** Counts of one file's records, for reports. */
export interface WarcCounts {
  records: number;
  html: number;
  skipped: number;
}

const WARC_EXTENSION = /\.warc(?:\.gz)?$/iu;
const GZIP_MAGIC = [0x1f, 0x8b];
const HTML_TYPE = /^(?:text\/html|application\/xhtml\+xml)$/iu;
const CHARSET_PARAM = /;\s*charset\s*=\s*"?([^";\s]+)"?/iu;
const READ_CHUNK = 1 << 20;
const WARC_VERSION = /^WARC\/\d+\.\d+$/u;

export function isWarcPath(path: string): boolean {
  return WARC_EXTENSION.test(path);
}

async function isGzip(path: string | Buffer): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await fh.close();
  }
}

/** The bytes of a WARC file, inflated when it is gzipped. */
export async function warcStream(path: string | Buffer): Promise<Readable> {
  const file = createReadStream(path, { highWaterMark: READ_CHUNK });
  return (await isGzip(path)) ? file.pipe(createGunzip({ chunkSize: READ_CHUNK })) : file;
}

/**
 * The HTML pages of a WARC stream, in file order; `label` names the file, and
 * each record is `label:N` (N its number in the file, from 1).
 */
export async function* readWarc(stream: AsyncIterable<Uint8Array>, label: string, o: WarcOptions, counts?: WarcCounts): AsyncGenerator<RawInput | InputFailure> {
  let n = 0;
  try {
    for await (const record of new WARCParser(stream)) {
      if (!WARC_VERSION.test(record.warcHeaders.statusline)) throw new Error(`not a WARC record ("${record.warcHeaders.statusline.slice(0, 40)}")`);
      n++;
      if (counts) counts.records = n;
      const status = Number(record.httpHeaders?.statusCode ?? 0);
      const head = record.httpHeaders?.headers.get("content-type") ?? "";
      const url = record.warcTargetURI ?? undefined;
      if (record.warcType !== "response" || status < 200 || status >= 300 || !HTML_TYPE.test(head.split(";")[0].trim())) {
        if (counts) counts.skipped++;
        continue;
      }
      const source = `${label}:${n}`;
      if (record.warcContentLength > o.maxBytes) {
        yield failure(source, new LimitError("maxBytes", record.warcContentLength, o.maxBytes, `the WARC record of ${url ?? "a page"} is larger than the limit`).message);
        continue;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of record) {
        size += chunk.length;
        if (size > o.maxBytes) break;
        chunks.push(chunk);
      }
      if (size > o.maxBytes) {
        yield failure(source, new LimitError("maxBytes", size, o.maxBytes, `the page of ${url ?? "a WARC record"} inflates past the limit`).message);
        continue;
      }
      if (counts) counts.html++;
      const hints: RawInput["hints"] = {};
      if (url) hints.url = url;
      if (record.warcDate) hints.fallbackPublished = record.warcDate;
      yield decodeAs(Buffer.concat(chunks), source, "text/html", hints, CHARSET_PARAM.exec(head)?.[1]?.toLowerCase());
    }
  } catch (err) {
    yield failure(`${label}:${n + 1}`, `cannot read the WARC record (${errorMessage(err)}); the rest of the file is skipped`);
    return;
  }
  if (n === 0) yield failure(label, "no WARC record found (not a WARC file?)");
}
