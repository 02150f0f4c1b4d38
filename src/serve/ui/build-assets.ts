// Builds the UI's static files with esbuild, at build time: the client scripts
// (client/*.ts bundled with uPlot, sigma and graphology, minified) and the one
// style sheet (style.css with uPlot's), each named with a hash of its content,
// into static/ beside the compiled module, with manifest.json mapping each
// logical name (chart.js, graph.js, style.css) to its file. Run by
// `npm run build`, `prepare` and `test` (node dist/serve/ui/build-assets.js).
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { MANIFEST_FILE, STATIC_DIR, type AssetManifest } from "./assets.js";

/** The sources, in src/ (esbuild reads them there: the client scripts are not compiled by tsc). */
const SOURCE_DIR = fileURLToPath(new URL("../../../src/serve/ui/", import.meta.url));
const ENTRIES = { chart: "client/chart.ts", graph: "client/graph.ts", style: "style.css" };
/** A built file's name: logical name, content hash, extension. */
const HASHED_NAME = /^(\w+)\.[A-Z0-9]+\.(js|css)$/u;
const BROWSERS = ["chrome100", "firefox100", "safari15"];

export async function buildAssets(outDir: string = STATIC_DIR): Promise<AssetManifest> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, `${SOURCE_DIR}${path}`])),
    outdir: outDir,
    entryNames: "[name].[hash]",
    bundle: true,
    minify: true,
    format: "iife",
    target: BROWSERS,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  const manifest: AssetManifest = {};
  for (const output of Object.keys(result.metafile.outputs)) {
    const file = basename(output);
    const m = HASHED_NAME.exec(file);
    if (m) manifest[`${m[1]}.${m[2]}`] = file;
  }
  writeFileSync(`${outDir}${MANIFEST_FILE}`, JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const manifest = await buildAssets();
  for (const [name, file] of Object.entries(manifest)) process.stderr.write(`assets: ${name} → ${file} (${Math.round(statSync(`${STATIC_DIR}${file}`).size / 1024)} KB)\n`);
}
