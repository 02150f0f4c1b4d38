// The sources and watch commands, and the new ingest inputs, on the command
// line against test sites on loopback; a watch process stopped by SIGTERM.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openStore } from "../store/open.js";
import { runCli } from "../testing/cli.js";
import { TempDir } from "../testing/fixtures.js";
import { articleHtml } from "../testing/pages.js";
import { htmlResponse } from "../testing/warc.js";
import { TestWeb } from "../testing/web.js";

const BIN = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));
const ITEMS = 12;
const dir = new TempDir();
let web: TestWeb;
let site = "";

before(async () => {
  web = await TestWeb.start(1, (req, res) => {
    const path = req.url ?? "/";
    const page = /^\/a\/(\d+)$/.exec(path);
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>home</body></html>`);
    } else if (path === "/rss.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const items = Array.from({ length: ITEMS }, (_, i) => `<item><title>t${i}</title><link>${site}/a/${i}</link></item>`).join("");
      res.end(`<rss version="2.0"><channel><title>Test site</title>${items}</channel></rss>`);
    } else if (page) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(articleHtml({ n: Number(page[1]) }));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  site = web.sites[0];
});
after(async () => {
  await web.close();
  dir.remove();
});

test("sources add discovers and adds; list shows the state; remove stops following; usage mistakes are one line and exit 2", async () => {
  const db = dir.file("sources.db");
  const add = await runCli("sources", "add", `${site}/`, "--db", db, "--allow-private", "--gap", "10ms", "--lang", "el", "--every", "15m");
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /^added #1: feed http:\/\/127\.0\.0\.1:\d+\/rss\.xml — Test site \[link\]$/m);
  const again = await runCli("sources", "add", `${site}/rss.xml`, "--db", db, "--allow-private", "--gap", "10ms");
  assert.match(again.out, /already followed #1/);
  const list = await runCli("sources", "list", "--db", db, "--json");
  const [src] = JSON.parse(list.out).sources;
  assert.deepEqual([src.id, src.kind, src.lang, src.everyMs, src.status, src.disabled, src.articles], [1, "feed", "el", 900_000, "new", false, 0]);
  assert.match((await runCli("sources", "list", "--db", db)).out, /#1 +feed +new +0 +0 +never +due +15m/);
  assert.equal((await runCli("sources", "remove", "#1", "--db", db)).code, 0);
  const gone = await runCli("sources", "remove", "1", "--db", db);
  assert.deepEqual([gone.code, gone.err], [1, "newsgraph: no source 1\n"]);
  for (const args of [["--every", "10s"], ["--every", "soon"], ["--lang", "Greek"], ["--gap", "-1s"], ["--per-host", "0"]]) {
    const r = await runCli("sources", "add", `${site}/`, "--db", db, ...args);
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.err.split("\n").length, 2, r.err);
  }
  assert.equal((await runCli("sources", "add", "not-a-url", "--db", db)).code, 2);
  const none = await runCli("sources", "add", `${site}/missing`, "--db", db, "--allow-private");
  assert.equal(none.code, 1);
  assert.match(none.err, /HTTP 404/);
});

test("watch --once logs JSON lines, stores the new articles, and a second round finds nothing new", async () => {
  const db = dir.file("once.db");
  assert.equal((await runCli("sources", "add", `${site}/rss.xml`, "--db", db, "--allow-private")).code, 0);
  const run = await runCli("watch", "--once", "--db", db, "--allow-private", "--gap", "10ms");
  assert.equal(run.code, 0, run.err);
  const lines = run.out.trim().split("\n").map((l) => JSON.parse(l) as { event: string; time: string; result?: string; summary?: { added: number } });
  assert.deepEqual([lines[0].event, lines.at(-1)?.event], ["start", "done"]);
  assert.ok(lines.every((l) => !Number.isNaN(Date.parse(l.time))));
  assert.equal(lines.filter((l) => l.event === "page" && l.result === "added").length, ITEMS);
  assert.equal(lines.at(-1)?.summary?.added, ITEMS);
  // Due again only after its interval: a second --once does nothing; the store holds each article once.
  const again = await runCli("watch", "--once", "--db", db, "--allow-private", "--gap", "10ms");
  assert.match(again.out, /"due":0/);
  const store = await openStore(db, { readonly: true });
  assert.equal((await store.stats()).articles, ITEMS);
  assert.equal((await store.sources())[0].articles, ITEMS);
  await store.close();
});

test("SIGTERM stops a watch cleanly; the next run stores the rest, none twice", async () => {
  const db = dir.file("term.db");
  assert.equal((await runCli("sources", "add", `${site}/rss.xml`, "--db", db, "--allow-private")).code, 0);
  const child = spawn(process.execPath, [BIN, "watch", "--db", db, "--allow-private", "--gap", "300ms"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const firstPage = new Promise<void>((resolve) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes('"event":"page"')) resolve();
    });
  });
  await firstPage;
  const stopped = performance.now();
  child.kill("SIGTERM");
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  assert.equal(code, 0);
  assert.ok(performance.now() - stopped < 5_000, "stops within seconds");
  assert.match(out, /"event":"stop"/);
  const store = await openStore(db);
  const partial = (await store.stats()).articles;
  assert.ok(partial >= 1 && partial < ITEMS, `${partial} stored before the stop`);
  assert.equal(await store.integrityCheck(), "ok");
  await store.close();
  const rest = await runCli("watch", "--once", "--db", db, "--allow-private", "--gap", "10ms");
  assert.equal(rest.code, 0, rest.err);
  const done = await openStore(db, { readonly: true });
  assert.equal((await done.stats()).articles, ITEMS);
  await done.close();
});

test("ingest takes WARC files (URL and date kept) and URL lists, politely", async () => {
  const db = dir.file("ingest.db");
  const warc = dir.write(
    "news.warc.gz",
    Buffer.concat([
      htmlResponse("https://news.example.gr/a/100?utm_source=cc", articleHtml({ n: 100 }), "2024-03-01T08:00:00Z", true),
      htmlResponse("https://news.example.gr/a/101", articleHtml({ n: 101, published: "2024-02-20T10:00:00+02:00" }), "2024-03-01T09:00:00Z", true),
    ]),
  );
  const list = dir.write("pages.urls", `# from the site\n${site}/a/200\n${site}/a/201#top\n${site}/a/200?utm_campaign=x\n`);
  web.log.length = 0;
  const r = await runCli("ingest", warc, list, "--db", db, "--allow-private", "--gap", "150ms", "--json");
  assert.equal(r.code, 0, r.err);
  const summary = JSON.parse(r.out) as { added: number; ids: { id: string; source: string }[] };
  assert.equal(summary.added, 4);
  assert.deepEqual(summary.ids.map((i) => i.source), [`${warc}:1`, `${warc}:2`, `${site}/a/200`, `${site}/a/201`]);
  const store = await openStore(db, { readonly: true });
  const [a, b] = [await store.get(summary.ids[0].id), await store.get(summary.ids[1].id)];
  assert.deepEqual([a?.meta.canonicalUrl, a?.meta.published], ["https://news.example.gr/a/100", "2024-03-01T08:00:00Z"]);
  assert.equal(b?.meta.published, "2024-02-20T10:00:00+02:00", "the page's own date wins over the WARC date");
  await store.close();
  const pages = web.log.filter((x) => x.path.startsWith("/a/")).map((x) => x.at);
  assert.equal(pages.length, 2);
  assert.ok(pages[1] - pages[0] >= 148, "the list's pages are --gap apart");
});
