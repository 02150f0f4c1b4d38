// The quotation layer's record shapes, declared with the document's layers.
export type { Polarity, Quote, QuoteKind, QuoteSpeaker, QuoteStance } from "../../doc/layers.js";
