// Pipeline components of the text layer: language identification,
// tokenization and sentence splitting.
import type { Doc, Span } from "../doc/doc.js";
import { getLang, UNDETERMINED } from "../lang/lang.js";
import type { Component } from "../pipeline/pipeline.js";
import { identifyLanguage, type LangIdOptions } from "./langid.js";
import { splitSentences } from "./sentences.js";
import { tokenize } from "./tokenize.js";

export function langIdComponent(options: LangIdOptions = {}): Component {
  return {
    name: "langid",
    requires: ["text"],
    provides: ["lang"],
    run(doc: Doc) {
      if (doc.lang !== UNDETERMINED && doc.langConfidence > 0) return;
      const guess = identifyLanguage(doc.text, options);
      doc.lang = guess.lang;
      doc.langConfidence = guess.confidence;
    },
  };
}

export function tokenizeComponent(): Component {
  return {
    name: "tokenize",
    requires: ["text", "lang"],
    provides: ["tokens"],
    run(doc: Doc) {
      doc.layers.tokens = tokenize(doc.text, { lang: getLang(doc.lang) });
    },
  };
}

/** Blocks that sentences may not cross: the headline and each paragraph. */
function blocks(doc: Doc): Span[] {
  return doc.meta.title ? [doc.meta.title, ...doc.layers.paragraphs] : doc.layers.paragraphs;
}

export function sentenceComponent(): Component {
  return {
    name: "sentences",
    requires: ["tokens", "paragraphs"],
    provides: ["sentences"],
    run(doc: Doc) {
      doc.layers.sentences = splitSentences(doc.text, doc.layers.tokens, blocks(doc), { lang: getLang(doc.lang) });
    },
  };
}
