// What the browser tests run on: the app served on 127.0.0.1 at a random port
// over a store, and Debian's Chromium driven by playwright-core, headless and
// kept off the network (every host name but 127.0.0.1 fails to resolve, the
// background services are off, and any request to another host is aborted
// and recorded).
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { createApp } from "../../app.js";
import type { Store } from "../../../store/store.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LOOPBACK = "127.0.0.1";

/** Flags that keep Chromium off the network and quiet. */
export const OFFLINE_FLAGS = [
  `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${LOOPBACK}`,
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-domain-reliability",
  "--disable-sync",
  "--disable-client-side-phishing-detection",
  "--no-pings",
  "--no-first-run",
  "--no-default-browser-check",
  "--metrics-recording-only",
  "--no-sandbox",
  "--enable-unsafe-swiftshader",
];

export interface Served {
  base: string;
  close(): Promise<void>;
}

export async function serveStore(store: Store): Promise<Served> {
  const app = createApp({ store });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: LOOPBACK }, () => resolve(s));
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return { base: `http://${LOOPBACK}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Chromium {
  browser: Browser;
  /** A new browser context whose requests to other hosts are aborted and listed in `offsite`. */
  context(options?: { locale?: string; javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  offsite: string[];
}

export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: OFFLINE_FLAGS });
  const offsite: string[] = [];
  return {
    browser,
    offsite,
    context: async (options = {}) => {
      const context = await browser.newContext({ locale: options.locale ?? "en-GB", javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === LOOPBACK || url.protocol === "data:") return route.continue();
        offsite.push(url.href);
        return route.abort();
      });
      return context;
    },
  };
}
