// The quotation pipeline component: finds direct and reported quotations,
// resolves their speakers and source chains, and sets `doc.layers.quotes`.
// Requires tokens and sentences; uses the taggers' mentions and POS when an
// earlier component has set them.
import type { Component } from "../../doc/component.js";
import type { Doc } from "../../doc/doc.js";
import type { Quote } from "../../doc/layers.js";
import { detectQuotes } from "./detect.js";
import { quoteLexicon, type QuoteLexicon } from "./lexicon.js";
import { SpeakerResolver } from "./speakers.js";
import { stanceOf, type DetectOptions } from "./state.js";
import { makeView, tokensText } from "./view.js";

export interface QuoteComponentOptions extends DetectOptions {
  /** The lexicon to use (default: every language's tables under lang/). */
  lexicon?: QuoteLexicon;
}

/** The quotations of an analysed document (tokens and sentences set). */
export function findQuotes(doc: Doc, options: QuoteComponentOptions = {}): Quote[] {
  const lex = options.lexicon ?? quoteLexicon();
  const v = makeView(doc);
  const { quotes, quoted } = detectQuotes(v, lex, options);
  const resolver = new SpeakerResolver(v, lex, quoted);
  return quotes.map((q) => ({
    kind: q.kind,
    start: q.start,
    end: q.end,
    text: doc.text.slice(q.start, q.end),
    speaker: resolver.resolve(q),
    cue: q.cue ? tokensText(v, q.cue.first, q.cue.last) : null,
    stance: stanceOf(q.cue),
    via: q.via,
    citing: q.citing,
  }));
}

export function quotesComponent(options: QuoteComponentOptions = {}): Component {
  return {
    name: "quotes",
    reads: ["tokens", "sentences"],
    readsIfPresent: ["mentions", "tokens.pos"],
    writes: ["quotes"],
    run(doc: Doc) {
      doc.layers.quotes = findQuotes(doc, options);
    },
  };
}
