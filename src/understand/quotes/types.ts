// The quotation layer's record shapes: what `doc.layers.quotes` holds and
// `analyze --json` prints. Offsets are UTF-16 code units into `Doc.text`.
import type { Span } from "../../doc/doc.js";

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
