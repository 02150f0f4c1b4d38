// URL fetching against a local server (loopback, so allowPrivate): redirects,
// limits, content types, charsets, compression, and the private-address guard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import { decodeBytes } from "./decode.js";
import {
  BlockedAddressError, ContentTypeError, HttpStatusError, InvalidUrlError, TimeoutError, TooLargeError,
  TooManyRedirectsError, fetchUrl, isPrivateAddress,
} from "./fetch.js";

const PAGE = "<html><head><title>Δοκιμή</title></head><body><p>Καλημέρα</p></body></html>";
let server: http.Server;
let base = "";

before(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=UTF-8" });
      res.end(PAGE);
    } else if (path === "/ua") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(req.headers["user-agent"] ?? "");
    } else if (path.startsWith("/hop/")) {
      const n = Number(path.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : "/page" });
      res.end();
    } else if (path === "/greek") {
      res.writeHead(200, { "content-type": "text/html; charset=windows-1253" });
      res.end(iconv.encode(PAGE, "windows-1253"));
    } else if (path === "/gzip") {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      res.end(zlib.gzipSync(PAGE));
    } else if (path === "/big") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("x".repeat(50_000));
    } else if (path === "/image") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end("PNG");
    } else if (path === "/slow-body") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body>");
      setTimeout(() => res.end("</body></html>"), 2_000).unref();
    } else if (path === "/slow") {
      setTimeout(() => res.end("late"), 2_000).unref();
    } else {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("not here");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

test("fetches a page with its content type and charset", async () => {
  const r = await fetchUrl(`${base}/page`, { allowPrivate: true });
  assert.equal(r.status, 200);
  assert.equal(r.contentType, "text/html");
  assert.equal(r.charset, "utf-8");
  assert.equal(Buffer.from(r.bytes).toString("utf8"), PAGE);
});

test("a windows-1253 page: the charset from the header decodes it", async () => {
  const r = await fetchUrl(`${base}/greek`, { allowPrivate: true });
  assert.equal(r.charset, "windows-1253");
  assert.equal(decodeBytes(r.bytes, { declared: r.charset, html: true }).text, PAGE);
});

test("sends a clear user agent", async () => {
  const r = await fetchUrl(`${base}/ua`, { allowPrivate: true });
  assert.match(Buffer.from(r.bytes).toString(), /^newsgraph\//);
});

test("follows redirects up to the limit and reports the final URL", async () => {
  const r = await fetchUrl(`${base}/hop/2`, { allowPrivate: true, maxRedirects: 3 });
  assert.equal(r.finalUrl, `${base}/page`);
  await assert.rejects(fetchUrl(`${base}/hop/5`, { allowPrivate: true, maxRedirects: 3 }), TooManyRedirectsError);
});

test("decompresses gzip bodies", async () => {
  const r = await fetchUrl(`${base}/gzip`, { allowPrivate: true });
  assert.equal(Buffer.from(r.bytes).toString("utf8"), PAGE);
});

test("enforces the size cap, the time-out, the content type and the status", async () => {
  await assert.rejects(fetchUrl(`${base}/big`, { allowPrivate: true, maxBytes: 10_000 }), TooLargeError);
  await assert.rejects(fetchUrl(`${base}/slow`, { allowPrivate: true, timeoutMs: 200 }), TimeoutError);
  await assert.rejects(fetchUrl(`${base}/slow-body`, { allowPrivate: true, timeoutMs: 200 }), TimeoutError);
  await assert.rejects(fetchUrl(`${base}/image`, { allowPrivate: true }), ContentTypeError);
  await assert.rejects(fetchUrl(`${base}/missing`, { allowPrivate: true }), (err: unknown) => err instanceof HttpStatusError && err.status === 404);
});

test("refuses loopback and private addresses unless allowed", async () => {
  await assert.rejects(fetchUrl(`${base}/page`), BlockedAddressError);
  const port = (server.address() as AddressInfo).port;
  await assert.rejects(fetchUrl(`http://localhost:${port}/page`), BlockedAddressError);
});

test("refuses URLs that are not http(s), with a one-line message", async () => {
  await assert.rejects(fetchUrl("ftp://example.com/file"), InvalidUrlError);
  await assert.rejects(fetchUrl("not a url"), (err: unknown) => err instanceof InvalidUrlError && !err.message.includes("\n"));
});

test("classifies addresses", () => {
  for (const a of ["127.0.0.1", "10.1.2.3", "172.16.5.4", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1"]) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  for (const a of ["8.8.8.8", "151.101.1.69", "2001:4860:4860::8888"]) assert.equal(isPrivateAddress(a), false, a);
});
