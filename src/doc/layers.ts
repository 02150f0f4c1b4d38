// The annotation layers of a document: one declared map from layer name to the
// shape it holds, and the record shapes of the layers the understanding
// components add (mentions, quotations, entities, time expressions, events).
// Offsets are UTF-16 code units into `Doc.text`.
import type { ParagraphSpan, RelatedLink, Span, TokenColumns } from "./base.js";

/** A named-entity mention from the tagger. */
export interface Mention extends Span {
  text: string;
  type: string;
}

export type QuoteKind = "direct" | "indirect";
export type Polarity = "positive" | "negative";

export interface QuoteStance {
  /** The kind of speech act: say, assert, admit, deny, warn … */
  type: string;
  polarity: Polarity;
}

export interface QuoteSpeaker {
  /** The full name of a named speaker (short mentions resolved), else null. */
  name: string | null;
  /** An unnamed source as written (αξιωματούχος του Λευκού Οίκου), else null. */
  description: string | null;
  /** The stated role (Ρώσος υφυπουργός Εξωτερικών), else null. */
  role: string | null;
  /** The entity the speaker belongs to, when the entity layer is present. */
  entityId: string | null;
  /** Where the speaker is mentioned for this quote; null for pro-drop and pronouns resolved elsewhere. */
  mention: Span | null;
}

export interface Quote extends Span {
  kind: QuoteKind;
  /** The quoted content (direct: without its quote marks; indirect: the reported clause). */
  text: string;
  speaker: QuoteSpeaker | null;
  /** The speech verb as written, with its auxiliary (έχει παραδεχθεί), or null. */
  cue: string | null;
  stance: QuoteStance | null;
  /** The outlet or agency the statement came through (RIA), or null. */
  via: string | null;
  /** Whom the reporting outlet relied on (Ιρανό αξιωματούχο), or null. */
  citing: string | null;
}

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
  /** The entity's name by language code; only languages that have one are present. */
  names: Record<string, string>;
  /** Languages whose name in `names` is a transliteration, not a spelling seen written (Sergkei Riampkof). */
  transliterated?: string[];
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

export interface Timex extends Span {
  text: string;
  /** TIMEX3-style value: 2023-09-21, 2023-09, 2022, 2023-W37; REF-1Y, XXXX-06 when unanchored. */
  value: string;
  /** Is the value a calendar value (absolute, or resolved against the reference date)? */
  anchored: boolean;
  /** The start of a period running on ("since 2019", «από το 2019»): a point the text counts from, not when something happened. */
  periodStart?: true;
}

export type Modality = "asserted" | "future" | "possible" | "demanded" | "denied";

export interface AssertedBy {
  /** speaker: the speaker of the quotation the event sits in (or the actor of a speech event); article: the article itself. */
  by: "speaker" | "article";
  name: string | null;
  entityId: string | null;
  via: string | null;
}

export interface NewsEvent {
  type: string;
  subtype: string | null;
  cameo: string;
  actor: string | null;
  target: string | null;
  instrument: string | null;
  quantity: string | null;
  polarity: Polarity;
  modality: Modality;
  /** The value of the time expression the event is placed at. */
  time: string | null;
  assertedBy: AssertedBy;
  trigger: Span & { text: string };
  evidence: Span;
}

/** Every layer a document may carry, by name. */
export interface LayerMap {
  paragraphs: ParagraphSpan[];
  sentences: Span[];
  tokens: TokenColumns;
  related: RelatedLink[];
  mentions: Mention[];
  quotes: Quote[];
  entities: Entity[];
  timex: Timex[];
  events: NewsEvent[];
}

export type LayerName = keyof LayerMap;

/** Layers the builder sets on every document. */
export const CORE_LAYERS = ["paragraphs", "sentences", "tokens", "related"] as const;
export type CoreLayerName = (typeof CORE_LAYERS)[number];

/** Layers the components add, in the order records list them. */
export const ADDED_LAYERS = ["mentions", "quotes", "entities", "timex", "events"] as const satisfies readonly Exclude<LayerName, CoreLayerName>[];

/** A document's layers: the core ones always, the others once a component has set them. */
export type Layers = Pick<LayerMap, CoreLayerName> & Partial<Omit<LayerMap, CoreLayerName>>;
