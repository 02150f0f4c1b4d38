// What every back end stores of an article, whatever its SQL: the row's
// values (content hash, canonical URL, the record without its text, the title
// and body spans' strings and the token list, and the token columns as a blob:
// token-blob.ts, each deflated against its dictionary: packing.ts), the text as
// SQLite packs it, the search keys of its title and body, and the record read
// back from them.
import { derive } from "../doc/derived.js";
import { title, type Doc, type Span } from "../doc/doc.js";
import type { Entity, EntityMention, MentionRole } from "../doc/layers.js";
import { entityId } from "../understand/entities/id.js";
import { tokenRecords, toRecord, type DocRecord } from "../doc/record.js";
import { docContentHash } from "../pipeline/build.js";
import { pack, RECORD_KIND, textKind, TOKENS_KIND, unpack } from "./packing.js";
import { indexKeys } from "./search-text.js";
import type { ArticleSummary } from "./store.js";
import { parseStoredRecord, storedRecordJson } from "./stored-spans.js";
import { decodeTokens, encodeTokens } from "./token-blob.js";

export const DEFAULT_SEARCH_LIMIT = 10;
/** YYYY-MM-DD: the day of an ISO date. */
export const DAY_CHARS = 10;
/** The shortest id prefix get() looks an article up by. */
export const ID_PREFIX_MIN = 4;
/**
 * When a batch of puts is committed, unless told: after this many articles, or
 * this long after its first put. A commit writes every page its articles
 * changed, and the inverted indexes (story keys, entity links by entity,
 * fingerprint bands) take each article's entries on scattered pages, so more
 * articles a commit share more pages: at 12,000 stored articles a batch of 100
 * wrote 135 pages an article to the WAL, one of 500 wrote 50 (docs/store-scale.md).
 */
export const DEFAULT_BATCH_ARTICLES = 500;
export const DEFAULT_BATCH_MS = 10_000;

/** The stored values of an article (`id` the id it is stored under). */
export interface ArticleValues {
  id: string;
  hash: string;
  url: string | null;
  canonical: string | null;
  title: string;
  lang: string;
  published: string | null;
  site: string | null;
  source: string | null;
  text: string;
  record: Buffer;
  tokens: Buffer;
  now: string;
}

/**
 * Hex characters of an article's content hash a store keeps, in its row and
 * its unique index: 128 bits, which no two texts share by chance, where the
 * whole hash took 64 (about 70 bytes an article). Rows stored before keep the
 * whole hash, so a put looks for both (SAME_CONTENT).
 */
export const STORED_HASH_CHARS = 32;
export const storedHash = (hash: string): string => hash.slice(0, STORED_HASH_CHARS);
/** The stored article of the same content, given its content hash and the stored form of it. */
export const SAME_CONTENT = "SELECT rowid, id FROM articles WHERE content_hash IN (?, ?)";

/** An article's content hash and canonical URL: how a put finds it stored already. */
export function articleIdentity(doc: Doc): { hash: string; canonical: string | null } {
  return { hash: derive(doc, "store.hash", docContentHash), canonical: doc.meta.canonicalUrl ?? doc.meta.url ?? null };
}

/** What every back end keeps of an article in blobs: its record (under the document's own id) and its token columns. */
export interface ArticleBlobs {
  record: Buffer;
  tokens: Buffer;
}

/**
 * What an entity of the stored record keeps for a field it can be made again
 * from its others: an id that is its type and key (`per:serg-riabkof`), a name
 * in the article's language that is its main name. Written in place, so the
 * fields keep their order; about 320 of 2,790 deflated bytes per generated
 * article.
 */
const DERIVED = 0;

/** The id an entity of this type and key is given when nothing else names it. */
const derivedId = (e: Entity): string => entityId(e.type, e.key);

/**
 * An entity's mention as the stored record keeps it when the record's mentions
 * layer has a mention of the same offsets: that mention's index, with its role
 * unless it is NAME_ROLE (about 85 deflated bytes per generated article).
 */
type StoredMention = EntityMention | number | [number, MentionRole];
const NAME_ROLE: MentionRole = "name";

const offsetsKey = (s: Span): string => `${s.start}:${s.end}`;

/**
 * An entity's name as the stored record keeps it when the name is the text of
 * one of the entity's own mentions (four in five are): that mention's index in
 * its list, read back from the article's text (about 260 of 2,170 deflated
 * bytes per generated article).
 */
type StoredName = string | number;

/** The index of the first of `mentions` whose text is `name`, else the name itself. */
function storedName(name: string, mentions: readonly Span[], text: string): StoredName {
  const i = mentions.findIndex((m) => m.end - m.start === name.length && text.startsWith(name, m.start));
  return i < 0 ? name : i;
}

/** The record's entities with their derivable fields written as DERIVED, their names and mentions as indices where they can be (`text` the article's). */
function withoutDerived(record: DocRecord, text: string): DocRecord {
  const mentionIndex = new Map<string, number>();
  (record.mentions as Span[] | undefined)?.forEach((m, i) => {
    if (!mentionIndex.has(offsetsKey(m))) mentionIndex.set(offsetsKey(m), i);
  });
  const entities = record.entities?.map((e) => {
    const names = e.names[record.lang] === e.name ? { ...e.names, [record.lang]: DERIVED } : e.names;
    const mentions = e.mentions.map((m): StoredMention => {
      const i = mentionIndex.get(offsetsKey(m));
      return i === undefined ? m : m.role === NAME_ROLE ? i : [i, m.role];
    });
    return { ...e, id: e.id === derivedId(e) ? DERIVED : e.id, name: storedName(e.name, e.mentions, text), names, mentions };
  });
  return entities ? { ...record, entities: entities as unknown as Entity[] } : record;
}

/** The record with its entities' derivable fields made again from it and `text`, the article's (a record written before DERIVED has none). */
function withDerived(record: DocRecord, text: string): DocRecord {
  const layer = (record.mentions ?? []) as Span[];
  const mention = (m: StoredMention): EntityMention => {
    if (typeof m === "number") return { start: layer[m].start, end: layer[m].end, role: NAME_ROLE };
    if (Array.isArray(m)) return { start: layer[m[0]].start, end: layer[m[0]].end, role: m[1] };
    return m;
  };
  for (const e of (record.entities ?? []) as (Omit<Entity, "id" | "name" | "mentions"> & { id: string | typeof DERIVED; name: StoredName; mentions: StoredMention[] })[]) {
    if (e.id === DERIVED) e.id = derivedId(e as unknown as Entity);
    e.mentions = e.mentions.map(mention);
    if (typeof e.name === "number") {
      const m = e.mentions[e.name] as EntityMention;
      e.name = text.slice(m.start, m.end);
    }
    if ((e.names[record.lang] as unknown) === DERIVED) e.names[record.lang] = e.name;
  }
  return record;
}

/** The record of an article stored under `id`, as the bytes its blob packs. */
export function recordBytes(doc: Doc, id: string = doc.id): Buffer {
  // The title and body are spans of the text, restored from it when read (recordOf), and so are the spans' texts (stored-spans.ts) and the entities' derivable fields.
  const record: DocRecord = { ...toRecord(doc, { tokens: false }), title: "", body: "", text: "" };
  return Buffer.from(storedRecordJson(withoutDerived({ ...record, id }, doc.text), doc.text), "utf8");
}

/** The packed record of an article stored under `id`. */
function recordBlob(doc: Doc, id: string): Buffer {
  return pack(recordBytes(doc, id), RECORD_KIND);
}

/** The token columns of an article, as the bytes their blob packs. */
export const tokenBytes = (doc: Doc): Buffer => encodeTokens(doc.layers.tokens, doc.text);

/** The blobs of an article, made once (in the analysis worker, when there is one: prepare.ts). */
export function articleBlobs(doc: Doc): ArticleBlobs {
  return derive(doc, "store.blobs", (d) => ({ record: recordBlob(d, d.id), tokens: pack(tokenBytes(d), TOKENS_KIND) }));
}

/** The article's text packed as the SQLite store keeps it, made once (prepare.ts). */
export function packedText(doc: Doc): Buffer {
  return derive(doc, "store.text", (d) => packText(d.text, d.lang));
}

/** The row values of an article, stored under `id` (an existing article's id when it is updated). */
export function articleValues(doc: Doc, id: string, now: string): ArticleValues {
  const { hash, canonical } = articleIdentity(doc);
  const blobs = articleBlobs(doc);
  return {
    id,
    hash: storedHash(hash),
    url: doc.meta.url ?? null,
    canonical,
    title: title(doc),
    lang: doc.lang,
    published: doc.meta.published ?? null,
    site: doc.meta.site ?? null,
    source: doc.meta.source ?? null,
    text: doc.text,
    record: id === doc.id ? blobs.record : recordBlob(doc, id),
    tokens: blobs.tokens,
    now,
  };
}

/**
 * An article's text as the SQLite store keeps it: deflated UTF-8, about a third
 * of the plain size for Greek news (PostgreSQL compresses long values itself).
 */
export function packText(text: string, lang: string): Buffer {
  return pack(Buffer.from(text, "utf8"), textKind(lang));
}

/** The text of `packText`. */
export function unpackText(packed: Buffer): string {
  return unpack(packed).toString("utf8");
}

/** The search keys of an article's title and body, as the full-text index takes them. */
export function articleKeys(doc: Doc): { title: string; body: string } {
  return derive(doc, "store.keys", (d) => ({
    title: d.meta.title ? indexKeys(d.text, d.layers.tokens, d.meta.title) : "",
    body: d.meta.body ? indexKeys(d.text, d.layers.tokens, d.meta.body) : "",
  }));
}

export interface StoredRecord {
  /** JSON text, or (with the token blob) deflated JSON. */
  record: string | Buffer;
  text: string;
  tokens: Buffer | null;
}

/** A stored row as read from SQLite: the text still packed. */
export type PackedRecord = Omit<StoredRecord, "text"> & { text: Buffer };

/** The JSON of a stored row's record: whole in rows stored before the token blob, else without title, body, text and tokens (spans' texts restored). */
function storedJson(row: StoredRecord): DocRecord {
  if (row.tokens === null) return JSON.parse(row.record.toString()) as DocRecord;
  return withDerived(parseStoredRecord<DocRecord>(unpack(row.record as Buffer).toString("utf8"), row.text), row.text);
}

/** The record of a stored row: text and token list restored. */
export function recordOf(row: StoredRecord): DocRecord {
  const record = storedJson(row);
  if (row.tokens === null) return record;
  const span = (s: Span | undefined) => (s ? row.text.slice(s.start, s.end) : "");
  return { ...record, title: span(record.meta.title), body: span(record.meta.body), text: row.text, tokens: tokenRecords(decodeTokens(unpack(row.tokens), row.text)) };
}

/** The entities of a stored row's record, with its text (the token list is not decoded). */
export function storedEntities(row: StoredRecord): Pick<DocRecord, "entities" | "text"> {
  return { entities: storedJson(row).entities, text: row.text };
}

export interface ArticleRow {
  rowid: number;
  id: string;
  title: string;
  lang: string;
  published: string | null;
  url: string | null;
  source: string | null;
  site: string | null;
  ingested_at: string;
}

export function summary(r: ArticleRow): ArticleSummary {
  return { id: r.id, title: r.title, lang: r.lang, published: r.published, url: r.url, site: r.site, source: r.source, ingestedAt: r.ingested_at };
}
