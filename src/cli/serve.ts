// `newsgraph serve`: the HTTP API and the web UI over the store, in one process,
// bound to the loopback address unless --host says otherwise; stops cleanly on
// Ctrl-C or SIGTERM (the store closed after the last request).
import { serve, type ServerType } from "@hono/node-server";
import { createApp } from "../serve/app.js";
import { openStore } from "../store/open.js";
import { EXIT, UsageError, dbOption, positiveInt, type CommandContext, type Register } from "./context.js";

const DEFAULT_PORT = 8080;
const DEFAULT_HOST = "127.0.0.1";
const MAX_PORT = 65535;
const TOKEN_ENV = "NEWSGRAPH_TOKEN";

export interface ServeFlags {
  db: string;
  port?: string;
  host?: string;
}

/** Serve until SIGINT or SIGTERM; resolves with the exit code once the server and the store are closed. */
export async function serveCommand(ctx: CommandContext, flags: ServeFlags): Promise<number> {
  const port = positiveInt(flags.port, "--port", DEFAULT_PORT);
  if (port > MAX_PORT) throw new UsageError(`--port must be at most ${MAX_PORT}, not ${port}`);
  const host = flags.host ?? DEFAULT_HOST;
  const store = await openStore(flags.db);
  const token = process.env[TOKEN_ENV] || undefined;
  const app = createApp({ store, token });
  let server: ServerType;
  try {
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
      s.once("error", reject);
    });
  } catch (err) {
    await store.close();
    throw new Error(`cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const shown = host.includes(":") ? `[${host}]` : host;
  ctx.err(`newsgraph: serving ${flags.db} at http://${shown}:${port}/ (API at /api, OpenAPI at /api/openapi.json)${token ? "" : `; writes refused: set ${TOKEN_ENV} to allow them`} · Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.close(() => resolve());
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await store.close();
  return EXIT.ok;
}

export const registerServe: Register = (program, ctx) => {
  program
    .command("serve")
    .description("serve the web UI and the JSON API over the store")
    .addOption(dbOption())
    .option("--port <n>", "the TCP port", String(DEFAULT_PORT))
    .option("--host <address>", "the address to listen on (another than 127.0.0.1 exposes the store to the network)", DEFAULT_HOST)
    .addHelpText(
      "after",
      `\nWrites (POST /api/articles) need the token in ${TOKEN_ENV}, sent as "Authorization: Bearer <token>".\n\nExamples:\n  newsgraph serve                         # http://127.0.0.1:8080/\n  newsgraph serve --db news.db --port 3000\n  NEWSGRAPH_TOKEN=secret newsgraph serve   # allow POST /api/articles`,
    )
    .action(async (opts) => {
      ctx.code = await serveCommand(ctx, opts);
    });
};
