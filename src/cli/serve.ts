// `newsgraph serve`: the HTTP API and the web UI over the store, in one process,
// bound to the loopback address unless --host says otherwise; stops cleanly on
// Ctrl-C or SIGTERM (the store closed after the last request). With --samples
// the bundled sample articles are ingested first (`npm start`). Posted articles
// are analysed in a worker thread, so the server answers while it works.
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { ANALYSIS_LIMITS } from "../pipeline/limits.js";
import { workerAnalyzer, type Analyzer } from "../pipeline/pool.js";
import { createApp } from "../serve/app.js";
import { BODY_LIMITS } from "../serve/options.js";
import { openStore } from "../store/open.js";
import type { Store } from "../store/store.js";
import { EXIT, UsageError, dbOption, positiveInt, type CommandContext, type Register } from "./context.js";
import { SAMPLES_DIR } from "./demo.js";
import { ingestInto } from "./ingest.js";

const DEFAULT_PORT = 8080;
const DEFAULT_HOST = "127.0.0.1";
const MAX_PORT = 65535;
const ANY_PORT = "0";
const TOKEN_ENV = "NEWSGRAPH_TOKEN";
/** Threads that analyse posted articles. */
const ANALYSIS_WORKERS = 1;

export interface ServeFlags {
  db: string;
  port?: string;
  host?: string;
  samples?: boolean;
  maxBody?: string;
}

export interface RunningServer {
  /** http://host:port/ */
  url: string;
  close(): Promise<void>;
}

function portOf(value: string | undefined): number {
  if (value === ANY_PORT) return 0;
  const port = positiveInt(value, "--port", DEFAULT_PORT);
  if (port > MAX_PORT) throw new UsageError(`--port must be at most ${MAX_PORT}, not ${port}`);
  return port;
}

async function ingestSamples(ctx: CommandContext, store: Store, db: string): Promise<void> {
  const s = await ingestInto(store, [SAMPLES_DIR], {});
  for (const f of s.failures) ctx.err(`newsgraph: ${f.source}: ${f.error}\n`);
  ctx.err(`newsgraph: the sample articles in ${db}: ${s.added} added · ${s.updated} updated · ${s.unchanged} unchanged · ${s.failed} failed\n`);
}

/** An analyzer made on first use (its worker loads the models only when an article is posted). */
function lazyAnalyzer(make: () => Analyzer): Analyzer {
  let made: Analyzer | undefined;
  return {
    window: ANALYSIS_WORKERS,
    analyze: (raw) => (made ??= make()).analyze(raw),
    close: async () => made?.close(),
  };
}

/** Open the store and listen; the server runs until close(). */
export async function startServer(ctx: CommandContext, flags: ServeFlags): Promise<RunningServer> {
  const port = portOf(flags.port);
  const host = flags.host ?? DEFAULT_HOST;
  const articleBytes = positiveInt(flags.maxBody, "--max-body", BODY_LIMITS.articleBytes);
  const store = await openStore(flags.db);
  const analyzer = lazyAnalyzer(() => workerAnalyzer(ANALYSIS_WORKERS, { limits: ANALYSIS_LIMITS }));
  const closeAll = async () => {
    await analyzer.close();
    await store.close();
  };
  let server: ServerType;
  try {
    if (flags.samples) await ingestSamples(ctx, store, flags.db);
    const app = createApp({ store, token: process.env[TOKEN_ENV] || undefined, analyzer, bodyLimits: { articleBytes } });
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
      s.once("error", reject);
    });
  } catch (err) {
    await closeAll();
    throw new Error(`cannot serve on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}/`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeAll();
    },
  };
}

/** Serve until SIGINT or SIGTERM; resolves with the exit code once the server and the store are closed. */
export async function serveCommand(ctx: CommandContext, flags: ServeFlags): Promise<number> {
  const running = await startServer(ctx, flags);
  const token = Boolean(process.env[TOKEN_ENV]);
  ctx.out(`newsgraph: serving ${flags.db} at ${running.url} (API at ${running.url}api, its documentation at ${running.url}api/docs)\n`);
  ctx.err(`${token ? "" : `newsgraph: writes refused: set ${TOKEN_ENV} to allow POST /api/articles\n`}newsgraph: Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await running.close();
  return EXIT.ok;
}

export const registerServe: Register = (program, ctx) => {
  program
    .command("serve")
    .description("serve the web UI and the JSON API over the store")
    .addOption(dbOption())
    .option("--port <n>", "the TCP port (0: any free port)", String(DEFAULT_PORT))
    .option("--host <address>", "the address to listen on (another than 127.0.0.1 exposes the store to the network)", DEFAULT_HOST)
    .option("--samples", "ingest the bundled sample articles into the store first (what npm start does)", false)
    .option("--max-body <bytes>", "the largest article posted to /api/analyze or /api/articles", String(BODY_LIMITS.articleBytes))
    .addHelpText(
      "after",
      `
Writes (POST /api/articles) need the token in ${TOKEN_ENV}, sent as "Authorization: Bearer <token>";
without it the server takes no writes. The API is documented at /api/docs (OpenAPI at /api/openapi.json).

Examples:
  newsgraph serve                         # http://127.0.0.1:8080/
  newsgraph serve --db news.db --port 3000
  newsgraph serve --samples --port 0      # the sample articles, on any free port
  NEWSGRAPH_TOKEN=secret newsgraph serve   # allow POST /api/articles
  curl 'http://127.0.0.1:8080/api/search?q=ρωσια&format=csv' > hits.csv`,
    )
    .action(async (opts) => {
      ctx.code = await serveCommand(ctx, opts);
    });
};
