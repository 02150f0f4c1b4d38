// What a page function gives the router: its title, its content (inside the
// shared layout), the client scripts it needs, and its HTTP status.
import type { Child } from "hono/jsx";
import type { Store } from "../../store/store.js";
import type { PageContext, Script } from "./layout.js";
import type { Query } from "./params.js";

export interface PageResult {
  title: string;
  body: Child;
  scripts?: Script[];
  status?: 200 | 400 | 403 | 404 | 413 | 422;
}

/** A page found elsewhere (an article asked for by a prefix of its id): the router redirects. */
export interface Redirect {
  redirect: string;
}

/** A page: reads the store and the request's parameters, gives the page. */
export type PageFunction = (store: Store, ctx: PageContext, query: Query) => Promise<PageResult | Redirect>;
