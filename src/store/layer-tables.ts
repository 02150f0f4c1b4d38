// The layer tables of the SQLite store, for queries across articles. The store
// calls every table here inside the article's transaction, in this order: the
// entity registry first, so that quotations and events can refer to its
// entities; quotations before events, as an event may keep its quotation's text
// (span-text.ts); copies before stories, as a copy joins its original's story.
// Their schemas are migrations in migrations.ts.
import type { LayerTable } from "./layer-table.js";
import { copiesTable } from "./copies-table.js";
import { entitiesTable } from "./entities-table.js";
import { eventsTable } from "./events-table.js";
import { quotesTable } from "./quotes-table.js";
import { storiesTable } from "./stories-table.js";

/** The layer tables, in the order they are written. */
export const LAYER_TABLES: LayerTable[] = [entitiesTable, quotesTable, eventsTable, copiesTable, storiesTable];
