// Hostile text for the sentence splitter: runs of quote marks and thousands of
// attributed quotations in one paragraph cost time in proportion to their
// length (n and 4n); on any generated text the sentences partition the tokens
// of each paragraph, in order.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import type { Span } from "../doc/doc.js";
import { getLang } from "../lang/lang.js";
import { MAX_GROWTH, describeGrowth, growth } from "../testing/linear.js";
import { splitSentences } from "./sentences.js";
import { tokenize } from "./tokenize.js";

const lang = getLang("el");

function split(text: string, blocks: Span[] = [{ start: 0, end: text.length }]): Span[] {
  return splitSentences(text, tokenize(text, { lang }), blocks, { lang });
}

const FAMILIES: Record<string, (n: number) => string> = {
  "«": (n) => "Α «".repeat(n),
  "« „ ‘ ‹ “": (n) => "«„‘‹“".repeat(n >> 1),
  "“ after words": (n) => `${"x “".repeat(n)}. Α`,
  "„…“": (n) => `${"„x“ ".repeat(n)}. Α`,
  "attributed quotes": (n) => "«α», είπε. Ο ".repeat(n >> 1),
};

test("splitting time grows linearly on hostile runs (n and 4n)", () => {
  for (const [name, make] of Object.entries(FAMILIES)) {
    const g = growth(make, (text) => split(text), 1_000);
    assert.ok(g.ratio <= MAX_GROWTH, describeGrowth(name, g));
  }
});

const PIECES = fc.constantFrom("Α", "β", "1", ".", "!", ";", ",", "-", "—", "«", "»", "„", "“", "”", "‘", "’", '"', "‹", "›", "(", ")", " ", " ", "\n", "κ.", "π.χ.", "είπε");
const hostile = fc.array(PIECES, { maxLength: 150 }).map((cs) => cs.join(""));

/** Paragraphs: the text between blank lines. */
function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/\n\n+/gu)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

test("sentences partition the tokens of each paragraph, in order", () => {
  fc.assert(
    fc.property(hostile, (text) => {
      const blocks = paragraphs(text);
      const tokens = tokenize(text, { lang });
      const sentences = splitSentences(text, tokens, blocks, { lang });
      let s = 0;
      for (const block of blocks) {
        const inBlock: number[] = [];
        for (let i = 0; i < tokens.length; i++) if (tokens.start[i] >= block.start && tokens.end[i] <= block.end) inBlock.push(i);
        let i = 0;
        while (i < inBlock.length) {
          const sentence = sentences[s++];
          assert.ok(sentence, `no sentence for token ${inBlock[i]} in ${JSON.stringify(text)}`);
          assert.equal(sentence.start, tokens.start[inBlock[i]]);
          while (i < inBlock.length && tokens.end[inBlock[i]] <= sentence.end) i++;
          assert.equal(sentence.end, tokens.end[inBlock[i - 1]]);
        }
      }
      assert.equal(s, sentences.length);
    }),
    { numRuns: 300 },
  );
});
