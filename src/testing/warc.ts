// WARC files written for tests and benchmarks: records in the WARC/1.0 format
// (warcinfo, request, response, with HTTP headers), each gzipped on its own as
// archives do when the file is .warc.gz.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";

export interface WarcRecordSpec {
  type: "warcinfo" | "request" | "response" | "resource" | "metadata";
  url?: string;
  /** WARC-Date, ISO 8601. */
  date?: string;
  /** The HTTP status line and headers of a response ("HTTP/1.1 200 OK"). */
  status?: string;
  httpHeaders?: Record<string, string>;
  body: string | Uint8Array;
}

const CRLF = "\r\n";

/** One record's bytes (gzipped when asked). */
export function warcRecord(r: WarcRecordSpec, gzip = false): Buffer {
  const body = typeof r.body === "string" ? Buffer.from(r.body, "utf8") : Buffer.from(r.body);
  let block = body;
  let contentType = "application/octet-stream";
  if (r.type === "response" || r.type === "request") {
    const head = [r.status ?? (r.type === "response" ? "HTTP/1.1 200 OK" : `GET / HTTP/1.1`), ...Object.entries(r.httpHeaders ?? {}).map(([k, v]) => `${k}: ${v}`)].join(CRLF);
    block = Buffer.concat([Buffer.from(head + CRLF + CRLF, "latin1"), body]);
    contentType = `application/http; msgtype=${r.type}`;
  } else if (r.type === "warcinfo") contentType = "application/warc-fields";
  const headers = [
    "WARC/1.0",
    `WARC-Type: ${r.type}`,
    `WARC-Record-ID: <urn:uuid:${randomUUID()}>`,
    `WARC-Date: ${r.date ?? "2024-03-01T12:00:00Z"}`,
    ...(r.url ? [`WARC-Target-URI: ${r.url}`] : []),
    `Content-Type: ${contentType}`,
    `Content-Length: ${block.length}`,
  ].join(CRLF);
  const record = Buffer.concat([Buffer.from(headers + CRLF + CRLF, "utf8"), block, Buffer.from(CRLF + CRLF)]);
  return gzip ? gzipSync(record) : record;
}

/** An HTML page's response record. */
export function htmlResponse(url: string, html: string, date?: string, gzip = false): Buffer {
  return warcRecord({ type: "response", url, date, httpHeaders: { "Content-Type": "text/html; charset=utf-8" }, body: html }, gzip);
}
