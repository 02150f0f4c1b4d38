// What the API and the UI routes are built from.
import type { Store } from "../store/store.js";

export interface AppOptions {
  store: Store;
  /** The token write requests must carry (Authorization: Bearer …); with none, writes are refused. */
  token?: string;
}
