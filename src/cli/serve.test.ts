import { strict as assert } from "node:assert";
import { after, test } from "node:test";
import { TempDir } from "../testing/fixtures.js";
import { runCli } from "../testing/cli.js";
import type { CommandContext } from "./context.js";
import { startServer } from "./serve.js";

const dir = new TempDir();
after(() => dir.remove());

function context(): CommandContext & { output: string[] } {
  const output: string[] = [];
  return { out: (s) => output.push(s), err: (s) => output.push(s), isTTY: false, code: 0, output };
}

test("serve --samples on any free port: the samples are ingested, the API answers on loopback, and it stops cleanly", async () => {
  const ctx = context();
  const server = await startServer(ctx, { db: dir.file("samples.db"), port: "0", samples: true });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/u);
    assert.match(ctx.output.join(""), /the sample articles in .*samples\.db: \d+ added/u);
    const stats = (await (await fetch(`${server.url}api/stats`)).json()) as { articles: number };
    assert.ok(stats.articles >= 5);
    const hits = (await (await fetch(`${server.url}api/search?q=${encodeURIComponent("κυπρος")}`)).json()) as { total: number };
    assert.ok(hits.total >= 1);
    const refused = await fetch(`${server.url}api/articles`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"x"}' });
    assert.equal(refused.status, 403, "no token in the environment: writes are refused");
  } finally {
    await server.close();
  }
  await assert.rejects(fetch(`${server.url}api/health`));
});

test("a port in use and bad options are one-line errors", async () => {
  const first = await startServer(context(), { db: dir.file("a.db"), port: "0" });
  try {
    const port = new URL(first.url).port;
    await assert.rejects(startServer(context(), { db: dir.file("b.db"), port }), /cannot serve on 127\.0\.0\.1:\d+: .*EADDRINUSE/u);
  } finally {
    await first.close();
  }
  for (const [flag, value] of [["--port", "70000"], ["--port", "x"], ["--max-body", "0"]]) {
    const r = await runCli("serve", "--db", dir.file("c.db"), flag, value);
    assert.equal(r.code, 2, `${flag} ${value}`);
    assert.match(r.err, new RegExp(`^newsgraph: ${flag} must be`, "u"));
  }
});
