import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { findQuotes } from "./component.js";
import type { Quote } from "./types.js";

// The labels are people the recogniser finds: these run the whole pipeline.
const pipeline = defaultPipeline();
const tagged = (page: string): Quote[] => findQuotes(pipeline.run(buildDoc(parseTextPage(page))));
const who = (q: Quote) => (q.speaker ? (q.speaker.name ?? q.speaker.description) : null);

test("an interview's speaker-labelled paragraphs are the question and the answer, each to the paragraph's end", () => {
  const greek = tagged(
    [
      "Συνέντευξη με τη σκηνοθέτιδα Μαρία Παπαδάκη",
      "Το θέατρο της πόλης ανεβάζει μια νέα παράσταση για τις γυναίκες της αρχαιότητας.",
      "Ελένη Γεωργίου (Lavart) – Πείτε μας λίγα λόγια για την παράσταση. Πώς γεννήθηκε η ιδέα του έργου;",
      "Μαρία Παπαδάκη – Η ιδέα ξεκίνησε σε ένα μάθημα υποκριτικής στο πανεπιστήμιο πριν από δύο χρόνια.",
    ].join("\n\n") + "\n",
  );
  assert.deepEqual(greek.map((q) => [q.kind, who(q), q.text]), [
    ["direct", "Ελένη Γεωργίου", "Πείτε μας λίγα λόγια για την παράσταση. Πώς γεννήθηκε η ιδέα του έργου;"],
    ["direct", "Μαρία Παπαδάκη", "Η ιδέα ξεκίνησε σε ένα μάθημα υποκριτικής στο πανεπιστήμιο πριν από δύο χρόνια."],
  ]);

  const english = tagged(
    [
      "An interview with the mayor",
      "The city council will vote on the new budget next week.",
      "John Carter: What will change for the families of the city next year?",
      "Susan Miller: We will cut the water bills and open two new schools before the summer.",
    ].join("\n\n") + "\n",
  );
  assert.deepEqual(english.map(who), ["John Carter", "Susan Miller"]);
  assert.equal(english[1].text, "We will cut the water bills and open two new schools before the summer.");
});

test("a single labelled paragraph, or a place before the dash, is no interview", () => {
  const single = tagged("Τίτλος\n\nΜαρία Παπαδάκη – Η ιδέα ξεκίνησε σε ένα μάθημα υποκριτικής στο πανεπιστήμιο πριν από δύο χρόνια.\n\nΗ παράσταση θα ανέβει τον Μάρτιο.\n");
  assert.equal(single.length, 0);
  const datelines = tagged("Title\n\nATHENS - The government will cut taxes for most families next year.\n\nBERLIN - The coalition agreed on a new budget for the coming year.\n");
  assert.equal(datelines.length, 0);
});
