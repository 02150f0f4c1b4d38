// Hostile text for the quotation detector: runs of opening marks after a
// speech verb, mixed quote marks, long sentences without full stops that are
// full of speech verbs, and thousands of short quotes in one paragraph cost
// time in proportion to their length (n and 4n); on any generated text the
// quotes lie within the text, in order.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { Pipeline } from "../../pipeline/pipeline.js";
import { MAX_GROWTH, describeGrowth, growth } from "../../testing/linear.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../../text/components.js";
import { findQuotes } from "./component.js";

const textLayer = new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
const prepare = (body: string) => textLayer.run(buildDoc(parseTextPage(`Τίτλος\n\n${body}`)));

const FAMILIES: Record<string, (n: number) => string> = {
  "δήλωσε: then «": (n) => `Ο υπουργός δήλωσε: ${"«".repeat(4 * n)}`,
  "« „ ‘ ‹ “": (n) => "«„‘‹“".repeat(n),
  "long sentence of speech verbs": (n) => "Ο Γιάννης είπε ο Πέτρος δήλωσε ".repeat(n),
  "long sentence, said that": (n) => "said the minister that the government ".repeat(n),
  "short quotes in one paragraph": (n) => "«Ναι όχι κάτι», είπε. ".repeat(n),
  "a clause ending in a run of commas": (n) => `Ο υπουργός είπε ότι η κυβέρνηση θα${" ,".repeat(4 * n)} x.`,
};

test("quotation time grows linearly on hostile text (n and 4n)", () => {
  for (const [name, make] of Object.entries(FAMILIES)) {
    const g = growth((n) => prepare(make(n)), (doc) => findQuotes(doc), 300);
    assert.ok(g.ratio <= MAX_GROWTH, describeGrowth(name, g));
  }
});

const PIECES = fc.constantFrom("Ο", "υπουργός", "Γιάννης", "είπε", "δήλωσε", "ότι", "said", "that", ":", ",", ".", "-", "—", "«", "»", "„", "“", "”", "‘", "’", '"', "‹", " ", " ", "\n", "\n\n");
const hostile = fc.array(PIECES, { maxLength: 120 }).map((cs) => cs.join(" "));

test("quotes lie within the text, in order, each with its own text", () => {
  fc.assert(
    fc.property(hostile, (body) => {
      const doc = prepare(body);
      let last = 0;
      for (const q of findQuotes(doc)) {
        assert.ok(q.start >= last && q.end >= q.start && q.end <= doc.text.length, JSON.stringify(body));
        assert.equal(q.text, doc.text.slice(q.start, q.end));
        last = q.start;
      }
    }),
    { numRuns: 200 },
  );
});
