import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../../doc/doc.js";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { Pipeline } from "../../pipeline/pipeline.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../../text/components.js";
import { findQuotes } from "./component.js";
import type { Quote } from "./types.js";

const textLayer = new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
const prepare = (page: string): Doc => textLayer.run(buildDoc(parseTextPage(page)));
const analyse = (page: string): Quote[] => findQuotes(prepare(page));
const tagged = (page: string): Quote[] => findQuotes(defaultPipeline().run(buildDoc(parseTextPage(page))));
const who = (q: Quote | undefined) => (q?.speaker ? (q.speaker.name ?? q.speaker.description) : null);

test("a fronted «σύμφωνα με» / according to names the speaker of the clause after its comma", () => {
  const el = analyse("Τίτλος\n\nΣύμφωνα με τον εκπρόσωπο της αστυνομίας, Νίκο Παππά, οι έρευνες συνεχίζονται σε όλη την περιοχή.\n");
  assert.equal(el.length, 1);
  assert.equal(el[0].kind, "indirect");
  assert.equal(el[0].text, "οι έρευνες συνεχίζονται σε όλη την περιοχή");
  assert.equal(who(el[0]), "Νίκο Παππά");
  assert.equal(el[0].cue, "Σύμφωνα με");
  assert.deepEqual(el[0].stance, { type: "report", polarity: "positive" });

  const en = analyse("Title\n\nAccording to the fire service, the blaze started in a kitchen on the second floor.\n");
  assert.equal(en[0].text, "the blaze started in a kitchen on the second floor");
  assert.equal(who(en[0]), "fire service");
});

test("a trailing source speaks for the content before it unless the content has a speaker of its own", () => {
  const described = analyse("Title\n\nThe plant will close by the end of the year, according to two people familiar with the plans.\n");
  assert.equal(described.length, 1);
  assert.equal(described[0].text, "The plant will close by the end of the year");
  assert.equal(who(described[0]), "two people familiar with the plans");

  const sources = analyse("Τίτλος\n\nΗ γέφυρα θα παραμείνει κλειστή για δύο εβδομάδες, όπως αναφέρουν πηγές του δήμου.\n");
  assert.equal(sources[0].text, "Η γέφυρα θα παραμείνει κλειστή για δύο εβδομάδες");
  assert.equal(who(sources[0]), "πηγές του δήμου");

  const channel = analyse("Title\n\nFinance minister Anna Berg said the budget would be balanced by 2027, according to Reuters.\n");
  assert.equal(channel.length, 1);
  assert.equal(who(channel[0]), "Anna Berg");
  assert.equal(channel[0].via, "Reuters");
});

test("a relative «σύμφωνα με τα οποία» makes the noun before it the source", () => {
  const quotes = analyse("Τίτλος\n\nΗ μετοχή έπεσε μετά από δημοσιεύματα σύμφωνα με τα οποία η εταιρεία σχεδιάζει απολύσεις.\n");
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].text, "η εταιρεία σχεδιάζει απολύσεις");
  assert.equal(who(quotes[0]), "δημοσιεύματα");
});

test("a statement's author is its speaker; «η ανακοίνωση» alone refers back to the speaker before", () => {
  const genitive = analyse("Τίτλος\n\nΗ ανακοίνωση του υπουργείου Παιδείας αναφέρει ότι τα σχολεία θα ανοίξουν τη Δευτέρα.\n");
  assert.equal(who(genitive[0]), "υπουργείου Παιδείας");

  const possessive = analyse("Title\n\nThe ministry's statement said that schools would reopen on Monday.\n");
  assert.equal(who(possessive[0]), "ministry");

  const back = analyse("Τίτλος\n\nΗ Ένωση Ιατρών Νοσοκομείων δήλωσε ότι οι εφημερίες δεν επαρκούν. Σύμφωνα με την ανακοίνωση, λείπουν πάνω από διακόσιοι γιατροί.\n");
  assert.equal(back.length, 2);
  assert.equal(back[1].text, "λείπουν πάνω από διακόσιοι γιατροί");
  assert.equal(who(back[1]), who(back[0]));

  // a ruling or a decision is a document too: its author speaks, never «απόφαση»
  const ruling = analyse("Τίτλος\n\nΗ απόφαση του Ανωτάτου Δικαστηρίου αναφέρει ότι η σύμβαση ήταν παράνομη από την αρχή.\n");
  assert.equal(who(ruling[0]), "Ανωτάτου Δικαστηρίου");
  const decision = analyse("Title\n\nThe court's ruling said that the contract had been unlawful from the start.\n");
  assert.equal(who(decision[0]), "court");
});

test("an outlet named by an attribution is not who a later pro-drop quote refers to", () => {
  const quotes = tagged("Τίτλος\n\nΟ υπουργός Υγείας Πέτρος Νικολάου μίλησε χθες στη Βουλή.\n\nΣύμφωνα με το ΚΥΠΕ, ο υπουργός επισκέφθηκε αργότερα το νοσοκομείο της Λάρνακας.\n\n«Η κατάσταση βελτιώνεται κάθε μέρα», πρόσθεσε.\n");
  const proDrop = quotes.find((q) => q.text.startsWith("Η κατάσταση"));
  assert.equal(who(proDrop), "Πέτρος Νικολάου");
  assert.equal(who(quotes.find((q) => q.cue === "Σύμφωνα με")), "ΚΥΠΕ");
});

test("an outlet that opens a sentence before a report of its own is that report's channel; before other content it is the source", () => {
  const relayed = analyse("Τίτλος\n\nΣύμφωνα με το Reuters, ο Τούρκος υπουργός Εξωτερικών ανέφερε ότι η Άγκυρα δεν θα στείλει στρατό στο νησί.\n");
  assert.deepEqual(relayed.map((q) => [who(q), q.via, q.text]), [["Τούρκος υπουργός Εξωτερικών", "Reuters", "η Άγκυρα δεν θα στείλει στρατό στο νησί"]]);
  const english = analyse("Title\n\nAccording to Reuters, the Turkish foreign minister said that Ankara would not send troops to the island.\n");
  assert.deepEqual(english.map((q) => [q.via, q.text]), [["Reuters", "Ankara would not send troops to the island"]]);
  const source = analyse("Τίτλος\n\nΣύμφωνα με την αστυνομία, ο δράστης συνελήφθη χθες το βράδυ στη Λεμεσό.\n");
  assert.deepEqual(source.map((q) => [who(q), q.text]), [["αστυνομία", "ο δράστης συνελήφθη χθες το βράδυ στη Λεμεσό"]]);
});
