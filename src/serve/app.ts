// The HTTP application of `newsgraph serve`: the JSON API under /api and the
// server-rendered UI pages, both over one Store, with the security headers every
// response carries (no inline script, no framing, no type sniffing).
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { apiRoutes } from "./api/routes.js";
import type { AppOptions } from "./options.js";
import { uiRoutes } from "./ui/routes.js";

export type { AppOptions } from "./options.js";

/** Content-Security-Policy: scripts and styles only from this server, never inline. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  app.use("*", secureHeaders({ contentSecurityPolicy: CSP, xContentTypeOptions: "nosniff", xFrameOptions: "DENY" }));
  app.route("/api", apiRoutes(options));
  app.route("/", uiRoutes(options));
  return app;
}
