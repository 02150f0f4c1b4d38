// URL fetching against a local server (loopback, so allowPrivate): redirects,
// limits, content types, charsets, compression, and the private-address guard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import type { LookupAddress } from "node:dns";
import iconv from "iconv-lite";
import { decodeBytes } from "./decode.js";
import {
  BlockedAddressError, ContentTypeError, FetchError, HttpStatusError, InvalidUrlError, TimeoutError, TooLargeError,
  TooManyRedirectsError, fetchUrl, ipv6Groups, isPrivateAddress, retryAfterMs, type Gate, type Resolver,
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
    } else if (path === "/stall-length") {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(Buffer.byteLength(PAGE)) });
      res.write(PAGE.slice(0, 20));
    } else if (path === "/stall-gzip") {
      const gz = zlib.gzipSync(PAGE.repeat(50));
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      res.write(gz.subarray(0, gz.length >> 1));
    } else if (path === "/binary") {
      res.writeHead(200);
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    } else if (path === "/etag") {
      const tag = '"v1"';
      if (req.headers["if-none-match"] === tag) {
        res.writeHead(304, { etag: tag });
        res.end();
      } else {
        res.writeHead(200, { "content-type": "application/rss+xml", etag: tag, "last-modified": "Wed, 21 Oct 2015 07:28:00 GMT" });
        res.end("<rss version=\"2.0\"><channel><title>x</title></channel></rss>");
      }
    } else if (path === "/always-304") {
      res.writeHead(304);
      res.end();
    } else if (path === "/busy") {
      res.writeHead(429, { "retry-after": "7" });
      res.end();
    } else if (path === "/json-feed") {
      res.writeHead(200, { "content-type": "application/feed+json" });
      res.end('{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[]}');
    } else if (path === "/sitemap.xml.gz") {
      res.writeHead(200, { "content-type": "application/x-gzip" });
      res.end(zlib.gzipSync("<urlset><url><loc>http://a.test/1</loc></url></urlset>"));
    } else if (path === "/bomb.xml.gz") {
      res.writeHead(200, { "content-type": "application/gzip" });
      res.end(zlib.gzipSync(Buffer.alloc(5_000_000, 0x20)));
    } else if (path === "/after-100ms") {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(PAGE);
      }, 100);
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

test("a body that stalls past the time-out is an error, never a truncated page", async () => {
  await assert.rejects(fetchUrl(`${base}/stall-length`, { allowPrivate: true, timeoutMs: 200 }), TimeoutError);
  await assert.rejects(fetchUrl(`${base}/stall-gzip`, { allowPrivate: true, timeoutMs: 200 }), TimeoutError);
});

test("a binary body is refused, with or without a content type", async () => {
  await assert.rejects(fetchUrl(`${base}/binary`, { allowPrivate: true }), (err: unknown) => err instanceof ContentTypeError && /binary/.test(err.message));
});

/** Every spelling of a non-public address, as a URL host (normalised by the URL parser) or as a resolved address. */
const PRIVATE_HOSTS = [
  // IPv4: loopback, this network, private, link-local and the metadata address, shared (CGNAT), and more.
  "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
  "192.168.0.1", "169.254.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "192.0.0.8", "198.18.0.1",
  "224.0.0.1", "255.255.255.255",
  // IPv4 spellings the URL parser turns into 127.0.0.1 and 10.0.0.1.
  "2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001", "017700000001", "10.1", "0",
  // IPv6 loopback and unspecified, in every spelling.
  "[::1]", "[0:0:0:0:0:0:0:1]", "[::0001]", "[0000:0000:0000:0000:0000:0000:0000:0001]", "[::]", "[0::0]",
  // IPv4-compatible, mapped (dotted and hex), translated, NAT64.
  "[::127.0.0.1]", "[::7f00:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::FFFF:10.0.0.1]", "[::ffff:a9fe:a9fe]",
  "[::ffff:0:7f00:1]", "[64:ff9b::7f00:1]", "[64:ff9b::127.0.0.1]", "[64:ff9b::a9fe:a9fe]", "[64:ff9b:1::1]",
  // Link-local, unique-local, site-local, multicast, documentation.
  "[fe80::1]", "[febf::1]", "[fc00::1]", "[fd12:3456::1]", "[fec0::1]", "[ff02::1]", "[2001:db8::1]",
  // 6to4 and Teredo embedding private IPv4 addresses.
  "[2002:7f00:1::]", "[2002:a00:1::1]", "[2002:c0a8:101::1]", "[2001:0:7f00:1::]", "[2001:0:4136:e378:8000:63bf:80ff:fffe]",
];
const PUBLIC_HOSTS = [
  "8.8.8.8", "151.101.1.69", "1.1.1.1", "100.128.0.1", "172.32.0.1", "[2001:4860:4860::8888]", "[2a00:1450:4001:80b::200e]",
  "[::ffff:8.8.8.8]", "[64:ff9b::808:808]", "[2002:808:808::1]",
];

test("classifies every spelling of a non-public address, after the URL parser", () => {
  for (const host of PRIVATE_HOSTS) {
    const hostname = new URL(`http://${host}/`).hostname.replace(/^\[|\]$/g, "");
    assert.equal(isPrivateAddress(hostname), true, `${host} (${hostname})`);
    assert.equal(isPrivateAddress(host.replace(/^\[|\]$/g, "")), true, host);
  }
  for (const host of PUBLIC_HOSTS) {
    const hostname = new URL(`http://${host}/`).hostname.replace(/^\[|\]$/g, "");
    assert.equal(isPrivateAddress(hostname), false, `${host} (${hostname})`);
  }
  for (const junk of ["", "localhost", "::1::", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0x:"]) assert.equal(isPrivateAddress(junk), true, junk);
});

test("IPv6 groups from any spelling", () => {
  assert.deepEqual(ipv6Groups("::1"), [0, 0, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(ipv6Groups("[::ffff:127.0.0.1]"), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
  assert.deepEqual(ipv6Groups("fe80::1%eth0"), [0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  assert.equal(ipv6Groups("1::2::3"), null);
  assert.equal(ipv6Groups("::1.2.3.256"), null);
});

test("every loopback spelling of the test server is refused; --allow-private is the only way past", async () => {
  const port = (server.address() as AddressInfo).port;
  for (const host of ["127.0.0.1", "2130706433", "0x7f.1", "0177.0.0.1", "127.1"]) {
    await assert.rejects(fetchUrl(`http://${host}:${port}/page`), BlockedAddressError, host);
    assert.equal((await fetchUrl(`http://${host}:${port}/page`, { allowPrivate: true })).status, 200, host);
  }
  for (const host of ["[::1]", "[::127.0.0.1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[64:ff9b::7f00:1]", "[0:0:0:0:0:0:0:1]"]) {
    await assert.rejects(fetchUrl(`http://${host}:${port}/page`), BlockedAddressError, host);
  }
});

test("DNS answers are checked when the socket connects: a public-looking name that resolves to loopback is refused", async () => {
  const port = (server.address() as AddressInfo).port;
  const asked: string[] = [];
  const resolve: Resolver = (hostname, _options, callback) => {
    asked.push(hostname);
    const answer: LookupAddress[] = [{ address: "127.0.0.1", family: 4 }];
    callback(null, answer);
  };
  await assert.rejects(fetchUrl(`http://news.example.com:${port}/page`, { resolve }), (err: unknown) => err instanceof BlockedAddressError && err.message.includes("127.0.0.1"));
  assert.deepEqual(asked, ["news.example.com"]);
  const r = await fetchUrl(`http://news.example.com:${port}/page`, { resolve, allowPrivate: true });
  assert.equal(Buffer.from(r.bytes).toString("utf8"), PAGE);
});

test("conditional GET: validators are sent and a 304 is an answer; the response's validators come back", async () => {
  const first = await fetchUrl(`${base}/etag`, { allowPrivate: true, accept: "document" });
  assert.equal(first.status, 200);
  assert.equal(first.etag, '"v1"');
  assert.equal(first.lastModified, "Wed, 21 Oct 2015 07:28:00 GMT");
  const again = await fetchUrl(`${base}/etag`, { allowPrivate: true, accept: "document", validators: { etag: first.etag } });
  assert.equal(again.status, 304);
  assert.equal(again.notModified, true);
  assert.equal(again.bytes.length, 0);
  // A 304 to a request that sent no validators is not believed.
  await assert.rejects(fetchUrl(`${base}/always-304`, { allowPrivate: true }), (err: unknown) => err instanceof HttpStatusError && err.status === 304);
});

test("an error status keeps its Retry-After, in seconds or as a date", async () => {
  await assert.rejects(fetchUrl(`${base}/busy`, { allowPrivate: true }), (err: unknown) => err instanceof HttpStatusError && err.status === 429 && err.retryAfterMs === 7000);
  const now = Date.parse("2024-01-01T00:00:00Z");
  assert.equal(retryAfterMs("120", now), 120_000);
  assert.equal(retryAfterMs("Mon, 01 Jan 2024 00:01:00 GMT", now), 60_000);
  assert.equal(retryAfterMs("Sun, 31 Dec 2023 00:00:00 GMT", now), 0);
  assert.equal(retryAfterMs("soon", now), undefined);
  assert.equal(retryAfterMs(undefined, now), undefined);
});

test("documents: JSON Feeds and gzip sitemaps are accepted as documents, not as pages; a gzip bomb is refused", async () => {
  await assert.rejects(fetchUrl(`${base}/json-feed`, { allowPrivate: true }), ContentTypeError);
  const feed = await fetchUrl(`${base}/json-feed`, { allowPrivate: true, accept: "document" });
  assert.match(Buffer.from(feed.bytes).toString(), /jsonfeed/);
  const map = await fetchUrl(`${base}/sitemap.xml.gz`, { allowPrivate: true, accept: "document" });
  assert.match(Buffer.from(map.bytes).toString(), /<urlset>/);
  await assert.rejects(fetchUrl(`${base}/bomb.xml.gz`, { allowPrivate: true, accept: "document", maxBytes: 1_000_000 }), TooLargeError);
});

test("the gate is passed before every request, redirects included; each permit is reached and released once", async () => {
  const events: string[] = [];
  const gate: Gate = async (url) => {
    events.push(`gate ${url.pathname}`);
    return { reached: () => events.push(`reached ${url.pathname}`), release: () => events.push(`release ${url.pathname}`) };
  };
  const r = await fetchUrl(`${base}/hop/1`, { allowPrivate: true, gate });
  assert.equal(r.finalUrl, `${base}/page`);
  assert.deepEqual(events, ["gate /hop/1", "reached /hop/1", "release /hop/1", "gate /hop/0", "reached /hop/0", "release /hop/0", "gate /page", "reached /page", "release /page"]);
  // A gate that refuses stops the fetch with its error.
  const refuse: Gate = async () => {
    throw new FetchError("not allowed");
  };
  await assert.rejects(fetchUrl(`${base}/page`, { allowPrivate: true, gate: refuse }), /not allowed/);
});

test("waiting at the gate does not count against the time-out; a stop signal ends the fetch", async () => {
  const slowGate: Gate = async () => {
    await new Promise((r) => setTimeout(r, 300));
    return { reached: () => {}, release: () => {} };
  };
  const r = await fetchUrl(`${base}/page`, { allowPrivate: true, timeoutMs: 200, gate: slowGate });
  assert.equal(r.status, 200);
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 50);
  await assert.rejects(fetchUrl(`${base}/slow`, { allowPrivate: true, signal: stop.signal }), (err: unknown) => err instanceof FetchError && !(err instanceof TimeoutError));
});

test("time this thread spends busy (an analysis) is not counted against the time-out; a slow server still is", async () => {
  const busy = (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end);
  };
  const fetching = fetchUrl(`${base}/after-100ms`, { allowPrivate: true, timeoutMs: 300 });
  setTimeout(() => busy(400), 20);
  assert.equal((await fetching).status, 200);
  const slow = fetchUrl(`${base}/slow`, { allowPrivate: true, timeoutMs: 300 });
  setTimeout(() => busy(100), 20);
  await assert.rejects(slow, TimeoutError);
});
