// Pipeline components of the text layer: language identification,
// tokenization and sentence splitting.
import type { Component } from "../doc/component.js";
import { blocks, type Doc } from "../doc/doc.js";
import { getLang, UNDETERMINED } from "../lang/lang.js";
import { identifyLanguage, type LangIdOptions } from "./langid.js";
import { splitSentences } from "./sentences.js";
import { tokenize } from "./tokenize.js";
import { wordView } from "./words.js";

export function langIdComponent(options: LangIdOptions = {}): Component {
  return {
    name: "langid",
    reads: ["text"],
    writes: ["lang"],
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
    reads: ["text", "lang"],
    writes: ["tokens"],
    run(doc: Doc) {
      doc.layers.tokens = tokenize(doc.text, { lang: getLang(doc.lang) });
    },
  };
}

export function sentenceComponent(): Component {
  return {
    name: "sentences",
    reads: ["tokens", "paragraphs"],
    writes: ["sentences"],
    run(doc: Doc) {
      doc.layers.sentences = splitSentences(doc.text, doc.layers.tokens, blocks(doc), { lang: getLang(doc.lang), words: wordView(doc).text });
    },
  };
}
