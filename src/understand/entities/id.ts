// An entity's id within an article: its type and its phonetic key, spaces as
// hyphens (`per:serg-riabkof`). The clusterer gives it, and the store keeps a
// record's id that is this as a mark in its place (store/article-row.ts).

const ID_SPACE = /\s+/gu;

/** The id of an entity of this type named by its key (or, when the key is empty, by `fallback`). */
export function entityId(type: string, key: string, fallback = ""): string {
  return `${type.toLowerCase()}:${key.replace(ID_SPACE, "-") || fallback}`;
}
