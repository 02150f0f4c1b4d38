// A pipeline component: a named step over a document that declares what it
// reads (an earlier component must have written it), what it reads when it is
// there, what it writes, and which fields of another component's layer it
// changes in place (updates), so that a pipeline can check its order when built.
import type { Doc } from "./doc.js";
import type { LayerName } from "./layers.js";

/** Token columns the taggers add; each is a field of its own, apart from the tokens. */
export type TokenColumnField = "tokens.pos" | "tokens.lemma" | "tokens.feats";

/** What a component reads or writes: a layer, a token column, or a document field. */
export type DocField = LayerName | TokenColumnField | "text" | "meta" | "lang";

/** A field changed in place: a token column, or a dotted path into a layer's records ("quotes.speaker.entityId"). */
export type UpdatePath = TokenColumnField | `${Exclude<LayerName, "tokens">}.${string}`;

export interface Component {
  name: string;
  /** Fields an earlier component must have written. */
  reads: readonly DocField[];
  /** Fields read when present (a pipeline may leave them out, but not write them later). */
  readsIfPresent?: readonly DocField[];
  writes: readonly DocField[];
  /** Fields of other components' layers changed in place. */
  updates?: readonly UpdatePath[];
  run(doc: Doc): void;
}

/** Fields every document has before any component runs (set by the builder). */
export const BUILT_FIELDS: readonly DocField[] = ["text", "paragraphs", "related", "meta"];
