// The UI pages, rendered on the server (hono/jsx) and readable without JavaScript.
import { Hono } from "hono";
import type { AppOptions } from "../options.js";

export function uiRoutes({ store }: AppOptions): Hono {
  const ui = new Hono();
  ui.get("/", async (c) => {
    const stats = await store.stats();
    return c.html(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>newsgraph</title>
        </head>
        <body>
          <main>
            <h1>newsgraph</h1>
            <form action="/search" method="get">
              <label for="q">Search</label> <input id="q" name="q" type="search" />
            </form>
            <p>{stats.articles} articles</p>
          </main>
        </body>
      </html>,
    );
  });
  return ui;
}
