// The UI's static files — one style sheet and the client scripts, built by
// build-assets.ts into static/ beside this module with a content hash in each
// name — served under /assets/ with year-long immutable cache headers. Only
// the files the build's manifest lists are served; pages ask assetUrl() for
// the hashed address of a logical name (style.css, chart.js, graph.js).
import { existsSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Hono } from "hono";

export const ASSET_ROUTE = "/assets";
/** Where the build writes the files and their manifest (dist/serve/ui/static/). */
export const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));
export const MANIFEST_FILE = "manifest.json";
const CACHE_FOREVER = "public, max-age=31536000, immutable";
const CONTENT_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/** Logical name → built file name. */
export type AssetManifest = Record<string, string>;

let manifest: AssetManifest | null = null;

function loadManifest(): AssetManifest {
  if (!manifest) {
    const file = `${STATIC_DIR}${MANIFEST_FILE}`;
    manifest = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as AssetManifest) : {};
  }
  return manifest;
}

/** The address of a built asset, or null when the assets were not built. */
export function assetUrl(name: string): string | null {
  const file = loadManifest()[name];
  return file ? `${ASSET_ROUTE}/${file}` : null;
}

export function assetRoutes(): Hono {
  const files = new Map<string, Buffer>();
  const app = new Hono();
  app.get("/:file", (c) => {
    const name = c.req.param("file");
    const served = new Set(Object.values(loadManifest()));
    if (!served.has(name)) return c.notFound();
    let body = files.get(name);
    if (!body) {
      body = readFileSync(`${STATIC_DIR}${name}`);
      files.set(name, body);
    }
    return c.body(new Uint8Array(body), 200, { "Content-Type": CONTENT_TYPES[extname(name)] ?? "application/octet-stream", "Cache-Control": CACHE_FOREVER });
  });
  return app;
}
