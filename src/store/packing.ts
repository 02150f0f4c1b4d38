// The store's blobs deflated against a preset dictionary. An article's record,
// its token columns and its text are each a few kilobytes that spell out, once
// each, the JSON keys, tag and feature names and common words every other
// article spells out too; deflate with a dictionary of those (models/packing/,
// learned by `npm run train -- packing`) refers back to them from the first
// byte. A blob packed so starts with DICTIONARY_MARK, a byte no raw deflate
// stream starts with (block type 3 is reserved), then the id of its dictionary;
// a dictionary keeps its id for good, so every store written with it stays
// readable, and blobs written before (plain raw deflate) are read as they are.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync, inflateRawSync, type ZlibOptions } from "node:zlib";
import { MANIFEST, MODELS_ROOT, readManifest, verifyModelFiles, type ManifestFile } from "../models/store.js";

/** The first byte of a blob packed with a dictionary: BFINAL 0 with the reserved block type 3, never the start of raw deflate. */
export const DICTIONARY_MARK = 0x06;
/** The mark and the dictionary's id. */
const HEADER_BYTES = 2;
export const PACKING_DIR = join(MODELS_ROOT, "packing");
export const PACKING_FORMAT = "newsgraph-packing/1";

/** The kinds of blob with a dictionary of their own: an article's record and token columns, its text in one language, and the stories' blobs. */
export const RECORD_KIND = "record";
export const TOKENS_KIND = "tokens";
/** A story's profile, a report's contribution and a story's lookup keys: keys and weights (stories/codec.ts). */
export const STORY_KIND = "story";
export const textKind = (lang: string): string => `text-${lang}`;

export interface PackingManifest {
  name: string;
  format: string;
  /** Every dictionary ever written, by id: its kind and file. */
  dictionaries: Record<string, { kind: string; file: string }>;
  /** The id each kind is packed with now. */
  current: Record<string, number>;
  files: Record<string, ManifestFile>;
  data?: Record<string, unknown>;
  scores?: Record<string, unknown>;
}

export class PackingError extends Error {
  override name = "PackingError";
}

export interface Dictionaries {
  byId: Map<number, Buffer>;
  current: Map<string, number>;
}

/** The dictionaries of `dir`, each checked against its manifest's sha256; none when the directory has no manifest. */
export function readDictionaries(dir: string): Dictionaries {
  const dictionaries: Dictionaries = { byId: new Map(), current: new Map() };
  if (!existsSync(join(dir, MANIFEST))) return dictionaries;
  const manifest = readManifest<PackingManifest>(dir);
  verifyModelFiles(dir, manifest);
  for (const [id, d] of Object.entries(manifest.dictionaries)) dictionaries.byId.set(Number(id), readFileSync(join(dir, d.file)));
  for (const [kind, id] of Object.entries(manifest.current)) dictionaries.current.set(kind, id);
  return dictionaries;
}

let installed: Dictionaries | null = null;
/** The dictionaries of models/packing, read once per process. */
export const installedDictionaries = (): Dictionaries => (installed ??= readDictionaries(PACKING_DIR));

/** `bytes` deflated, with the current dictionary of `kind` when there is one. */
export function pack(bytes: Uint8Array, kind: string, options: Pick<ZlibOptions, "level"> = {}, dictionaries: Dictionaries = installedDictionaries()): Buffer {
  const id = dictionaries.current.get(kind);
  const dictionary = id === undefined ? undefined : dictionaries.byId.get(id);
  if (id === undefined || !dictionary) return deflateRawSync(bytes, options);
  const body = deflateRawSync(bytes, { ...options, dictionary });
  const out = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  out[0] = DICTIONARY_MARK;
  out[1] = id;
  body.copy(out, HEADER_BYTES);
  return out;
}

/** The bytes of a blob of `pack`, or of plain raw deflate. */
export function unpack(blob: Uint8Array, dictionaries: Dictionaries = installedDictionaries()): Buffer {
  if (blob[0] !== DICTIONARY_MARK) return inflateRawSync(blob);
  const id = blob[1];
  const dictionary = dictionaries.byId.get(id);
  if (!dictionary) throw new PackingError(`a stored blob was packed with dictionary ${id}, which ${PACKING_DIR} does not hold`);
  return inflateRawSync(blob.subarray(HEADER_BYTES), { dictionary });
}
