// JSON serialisation of a Doc (the record `analyze --json` prints and the store
// keeps), versioned by SCHEMA_VERSION and described by schema/doc.schema.json.
import { NO_FEATS, TOKEN_KIND_NAMES, TokenKind, body, title, type Doc, type DocMeta, type ParagraphSpan, type RelatedLink, type Span, type TokenColumns } from "./doc.js";
import { ADDED_LAYERS, CORE_LAYERS, type Entity, type LayerMap, type Layers } from "./layers.js";

export const SCHEMA_VERSION = 1;

/** Layers written by the core fields; the added layers (ADDED_LAYERS) are copied as they are. */
const CORE = new Set<string>(CORE_LAYERS);
type AddedLayerName = (typeof ADDED_LAYERS)[number];

export interface TokenRecord extends Span {
  kind: string;
  pos?: string;
  lemma?: string;
  feats?: string;
}

export interface DocRecord extends Partial<Pick<LayerMap, AddedLayerName>> {
  schemaVersion: number;
  id: string;
  lang: string;
  langConfidence: number;
  title: string;
  body: string;
  text: string;
  paragraphs: ParagraphSpan[];
  sentences: Span[];
  tokens: TokenRecord[];
  related: RelatedLink[];
  meta: Omit<DocMeta, "title" | "body"> & { title?: Span; body?: Span };
  [layer: string]: unknown;
}

export interface RecordOptions {
  /** Leave out the token list (the store re-tokenizes on demand). */
  tokens?: boolean;
}

/** The token list of a record, from the token columns. */
export function tokenRecords(t: TokenColumns): TokenRecord[] {
  const out: TokenRecord[] = new Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const r: TokenRecord = { start: t.start[i], end: t.end[i], kind: TOKEN_KIND_NAMES[t.kind[i]] ?? "unknown" };
    if (t.pos && t.posTags) r.pos = t.posTags[t.pos[i]];
    if (t.lemma && t.lemmas && t.lemma[i] > 0) r.lemma = t.lemmas[t.lemma[i]];
    if (t.feats && t.feats[i] !== NO_FEATS) r.feats = t.feats[i];
    out[i] = r;
  }
  return out;
}

export function toRecord(doc: Doc, options: RecordOptions = {}): DocRecord {
  const record: DocRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: doc.id,
    lang: doc.lang,
    langConfidence: doc.langConfidence,
    title: title(doc),
    body: body(doc),
    text: doc.text,
    paragraphs: doc.layers.paragraphs,
    sentences: doc.layers.sentences,
    tokens: options.tokens === false ? [] : tokenRecords(doc.layers.tokens),
    related: doc.layers.related,
    meta: { ...doc.meta },
  };
  for (const [name, layer] of Object.entries(doc.layers)) {
    if (!CORE.has(name) && layer !== undefined) record[name] = layer;
  }
  return record;
}

const KIND_CODES: Record<string, number> = Object.fromEntries(Object.entries(TokenKind).map(([k, v]) => [k.toLowerCase(), v]));

function tokenColumns(records: TokenRecord[]): TokenColumns {
  const n = records.length;
  const cols: TokenColumns = { length: n, start: new Uint32Array(n), end: new Uint32Array(n), kind: new Uint8Array(n) };
  const hasPos = records.some((r) => r.pos !== undefined);
  const hasLemma = records.some((r) => r.lemma !== undefined);
  if (records.some((r) => r.feats !== undefined)) cols.feats = records.map((r) => r.feats ?? NO_FEATS);
  const posIds = new Map<string, number>();
  const lemmaIds = new Map<string, number>([["", 0]]);
  if (hasPos) {
    cols.pos = new Uint8Array(n);
    cols.posTags = [];
  }
  if (hasLemma) {
    cols.lemma = new Uint32Array(n);
    cols.lemmas = [""];
  }
  records.forEach((r, i) => {
    cols.start[i] = r.start;
    cols.end[i] = r.end;
    cols.kind[i] = KIND_CODES[r.kind] ?? 0;
    if (cols.pos && cols.posTags && r.pos !== undefined) {
      let id = posIds.get(r.pos);
      if (id === undefined) {
        id = cols.posTags.push(r.pos) - 1;
        posIds.set(r.pos, id);
      }
      cols.pos[i] = id;
    }
    if (cols.lemma && cols.lemmas && r.lemma !== undefined) {
      let id = lemmaIds.get(r.lemma);
      if (id === undefined) {
        id = cols.lemmas.push(r.lemma) - 1;
        lemmaIds.set(r.lemma, id);
      }
      cols.lemma[i] = id;
    }
  });
  return cols;
}

export class RecordError extends Error {
  override name = "RecordError";
}

/** An entity with only the languages that have a name (records may list a missing name as null). */
function withNames(e: Entity): Entity {
  const names: Record<string, string> = {};
  for (const [lang, name] of Object.entries(e.names)) if (typeof name === "string") names[lang] = name;
  return { ...e, names };
}

/** Rebuild a Doc from its record. */
export function fromRecord(record: DocRecord): Doc {
  if (record.schemaVersion !== SCHEMA_VERSION) {
    throw new RecordError(`record schema version ${record.schemaVersion} is not ${SCHEMA_VERSION}`);
  }
  const layers: Layers = {
    paragraphs: record.paragraphs,
    sentences: record.sentences,
    tokens: tokenColumns(record.tokens),
    related: record.related,
  };
  if (record.mentions !== undefined) layers.mentions = record.mentions;
  if (record.quotes !== undefined) layers.quotes = record.quotes;
  if (record.entities !== undefined) layers.entities = record.entities.map(withNames);
  if (record.timex !== undefined) layers.timex = record.timex;
  if (record.events !== undefined) layers.events = record.events;
  return { id: record.id, text: record.text, lang: record.lang, langConfidence: record.langConfidence, meta: record.meta, layers };
}
