// The shapes of the entity layer: `doc.layers.entities`, one entry per entity
// of the article, each holding the spans of its mentions.
import type { Span } from "../../doc/doc.js";

/** Entity types: the NER labels, with PERSON written PER. */
export type EntityType = "PER" | "ORG" | "LOC" | "MISC";

/**
 * How a mention refers: by name; by a capital standing for its government;
 * by a nationality noun or adjective (Ρώσος, ρωσικά); by an acronym; by the
 * surname alone.
 */
export type MentionRole = "name" | "capital" | "nationality" | "acronym" | "surname";

export interface EntityMention extends Span {
  role: MentionRole;
}

export interface Entity {
  /** Stable across articles: `country:RU`, `per:serg-riabkof` (type and phonetic key). */
  id: string;
  type: EntityType;
  name: string;
  names: { el: string | null; en: string | null };
  /** ISO 3166-1 alpha-2 code for a country, else null. */
  code: string | null;
  /** The phonetic key of the name, the cross-script matching key. */
  key: string;
  /** May the registry merge it with entities of other articles? */
  global: boolean;
  mentions: EntityMention[];
  /** For a city read as a place: the country it is the capital of. */
  capitalOf?: string;
}
