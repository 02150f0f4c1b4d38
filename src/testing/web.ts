// A web of test sites on loopback: one HTTP server per loopback address
// (127.0.0.1, 127.0.0.2 …: distinct hosts to a crawler), one handler for all,
// and a log of every request (host, path, headers, when it arrived) with the
// most requests each host had in flight at once, to check a crawler's manners.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LoggedRequest {
  /** host:port as the client named it. */
  host: string;
  path: string;
  /** performance.now() when the request arrived. */
  at: number;
  headers: http.IncomingHttpHeaders;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, site: number) => void;

export interface Politeness {
  /** The smallest time between two requests to one host, in ms (Infinity with fewer than two). */
  minGapMs: number;
  /** The most requests one host had in flight at once, and all hosts together. */
  maxPerHost: number;
  maxOverall: number;
  requests: number;
}

const NOT_FOUND: Handler = (_req, res) => {
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("not found");
};

export class TestWeb {
  readonly log: LoggedRequest[] = [];
  /** The base URL of each site (http://127.0.0.N:port). */
  readonly sites: string[] = [];
  handler: Handler = NOT_FOUND;
  private readonly servers: http.Server[] = [];
  private readonly inFlight = new Map<string, number>();
  private readonly peak = new Map<string, number>();
  private overall = 0;
  private peakOverall = 0;

  /** Start `n` sites on 127.0.0.1 … 127.0.0.n. */
  static async start(n = 1, handler?: Handler): Promise<TestWeb> {
    const web = new TestWeb();
    if (handler) web.handler = handler;
    for (let i = 0; i < n; i++) {
      const address = `127.0.${Math.floor((i + 1) / 256)}.${(i + 1) % 256}`;
      const server = http.createServer((req, res) => web.serve(req, res, i));
      server.keepAliveTimeout = 1;
      await new Promise<void>((resolve) => server.listen(0, address, resolve));
      web.servers.push(server);
      web.sites.push(`http://${address}:${(server.address() as AddressInfo).port}`);
    }
    return web;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse, site: number): void {
    const host = req.headers.host ?? "";
    this.log.push({ host, path: req.url ?? "/", at: performance.now(), headers: req.headers });
    const now = (this.inFlight.get(host) ?? 0) + 1;
    this.inFlight.set(host, now);
    this.peak.set(host, Math.max(this.peak.get(host) ?? 0, now));
    this.peakOverall = Math.max(this.peakOverall, ++this.overall);
    res.on("close", () => {
      this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
      this.overall--;
    });
    try {
      this.handler(req, res, site);
    } catch (err) {
      res.writeHead(500);
      res.end(String(err));
    }
  }

  /** Requests for a path (on any site, or the site given). */
  requests(path: string, site?: number): LoggedRequest[] {
    const host = site === undefined ? null : new URL(this.sites[site]).host;
    return this.log.filter((r) => r.path === path && (host === null || r.host === host));
  }

  /** What the log says of the crawler's manners. */
  politeness(): Politeness {
    let minGapMs = Infinity;
    const last = new Map<string, number>();
    for (const r of [...this.log].sort((a, b) => a.at - b.at)) {
      const before = last.get(r.host);
      if (before !== undefined) minGapMs = Math.min(minGapMs, r.at - before);
      last.set(r.host, r.at);
    }
    return { minGapMs, maxPerHost: Math.max(0, ...this.peak.values()), maxOverall: this.peakOverall, requests: this.log.length };
  }

  async close(): Promise<void> {
    for (const s of this.servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  }
}
