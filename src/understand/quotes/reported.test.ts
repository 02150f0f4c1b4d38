import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { Pipeline } from "../../pipeline/pipeline.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../../text/components.js";
import { findQuotes } from "./component.js";
import type { Quote } from "./types.js";

const textLayer = new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
const analyse = (page: string): Quote[] => findQuotes(textLayer.run(buildDoc(parseTextPage(page))));
const who = (q: Quote | undefined) => (q?.speaker ? (q.speaker.name ?? q.speaker.description) : null);

test("να- and to-complements: calls, requests and urging report what was asked for", () => {
  const called = analyse("Τίτλος\n\nΟ δήμαρχος Κώστας Λαμπρόπουλος κάλεσε τους κατοίκους να μείνουν στα σπίτια τους.\n");
  assert.equal(called.length, 1);
  assert.equal(called[0].text, "μείνουν στα σπίτια τους");
  assert.equal(who(called[0]), "Κώστας Λαμπρόπουλος");
  assert.deepEqual(called[0].stance, { type: "urge", polarity: "positive" });

  const asked = analyse("Τίτλος\n\nΗ Ένωση Καταναλωτών ζήτησε από την κυβέρνηση να μειώσει τον φόρο στα τρόφιμα.\n");
  assert.equal(asked[0].text, "μειώσει τον φόρο στα τρόφιμα");
  assert.equal(who(asked[0]), "Ένωση Καταναλωτών");

  const urged = analyse("Title\n\nThe union urged the company to reopen talks before the summer.\n");
  assert.equal(urged[0].text, "reopen talks before the summer");
  assert.match(who(urged[0]) ?? "", /union/);
  const calledOn = analyse("Title\n\nThe mayor called on residents to conserve water during the heatwave.\n");
  assert.equal(calledOn[0].text, "conserve water during the heatwave");
  assert.match(who(calledOn[0]) ?? "", /mayor/);
});

test("a reported question keeps its interrogative", () => {
  const el = analyse("Τίτλος\n\nΟ βουλευτής Νίκος Αλεξίου αναρωτήθηκε πώς θα καλυφθεί το κόστος του έργου.\n");
  assert.equal(el[0].text, "πώς θα καλυφθεί το κόστος του έργου");
  assert.equal(el[0].cue, "αναρωτήθηκε");
  const en = analyse("Title\n\nSenator Ruth Hale asked whether the agency had enough staff for the audit.\n");
  assert.equal(en[0].text, "whether the agency had enough staff for the audit");
  assert.equal(who(en[0]), "Ruth Hale");
});

test("a reported clause ends before «, ενώ» / \", while\" and the clause they open", () => {
  const el = analyse("Τίτλος\n\nΟ βουλευτής Νίκος Αλεξίου είπε ότι η κυβέρνηση καθυστερεί το νομοσχέδιο, ενώ επέκρινε και την αντιπολίτευση.\n");
  assert.equal(el[0].text, "η κυβέρνηση καθυστερεί το νομοσχέδιο");
  const en = analyse("Title\n\nThe mayor said that the bridge would reopen in May, while residents asked for a second crossing.\n");
  assert.equal(en[0].text, "the bridge would reopen in May");
});

test("a report of a report is one reported clause; a quoted fragment inside a reported clause stays in it", () => {
  const nested = analyse("Τίτλος\n\nΤο υπουργείο διέψευσε ότι ο υφυπουργός Άρης Νικολάου δήλωσε χθες ότι οι φόροι θα αυξηθούν.\n");
  assert.equal(nested.length, 1);
  assert.equal(nested[0].text, "ο υφυπουργός Άρης Νικολάου δήλωσε χθες ότι οι φόροι θα αυξηθούν");
  assert.match(who(nested[0]) ?? "", /υπουργείο/);

  const fragment = analyse("Title\n\nThe agency said that the mayor answered \"no comment\" when reporters asked about the budget.\n");
  assert.equal(fragment.length, 1);
  assert.equal(fragment[0].kind, "indirect");
  assert.match(fragment[0].text, /answered "no comment" when reporters/);
});

test("impersonal cues (όπως τονίζεται, αναφέρεται ότι) take the speaker before them", () => {
  const quotes = analyse("Τίτλος\n\nΟ Σύλλογος Γονέων ζήτησε χθες να ανοίξουν τα σχολεία. Όπως τονίζεται στην ανακοίνωση, οι γονείς δεν θα δεχτούν άλλη καθυστέρηση.\n");
  const impersonal = quotes.find((q) => q.cue === "τονίζεται");
  assert.ok(impersonal);
  assert.equal(impersonal.text, "οι γονείς δεν θα δεχτούν άλλη καθυστέρηση");
  assert.equal(who(impersonal), "Σύλλογος Γονέων");
  const direct = analyse("Τίτλος\n\nΗ Ένωση Ξενοδόχων συνεδρίασε χθες. Όπως αναφέρεται «οι κρατήσεις είναι αυξημένες κατά δέκα τοις εκατό».\n");
  assert.equal(direct[0].kind, "direct");
  assert.equal(who(direct[0]), "Ένωση Ξενοδόχων");
});

test("a report of a report whose subject carries a parenthesis; a subject opened by a modifier", () => {
  const nested = analyse("Τίτλος\n\nΗ εφημερίδα έγραψε ότι η κυβέρνηση, σε ανακοίνωσή της, δήλωσε ότι οι εκλογές θα γίνουν τον Μάιο.\n");
  assert.equal(nested.length, 1);
  assert.equal(nested[0].text, "η κυβέρνηση, σε ανακοίνωσή της, δήλωσε ότι οι εκλογές θα γίνουν τον Μάιο");
  const modifier = analyse("Title\n\nThe bank will keep rates on hold until the summer, new Finance Minister Clara Holm said on Tuesday.\n");
  assert.equal(modifier[0].text, "The bank will keep rates on hold until the summer");
  assert.equal(who(modifier[0]), "Clara Holm");
});

test("what was said as a noun phrase (έκανε λόγο για, predicting); the subject of a relative clause is the phrase before it", () => {
  const relative = analyse("Τίτλος\n\nΤα παράπονα διατυπώθηκαν από την κόρη του ιδιοκτήτη, η οποία έκανε λόγο για καθυστερήσεις, λάθη και παραλείψεις.\n");
  assert.equal(relative.length, 1);
  assert.equal(relative[0].text, "καθυστερήσεις, λάθη και παραλείψεις");
  assert.equal(who(relative[0]), "κόρη του ιδιοκτήτη");

  const named = analyse("Τίτλος\n\nΟ δήμαρχος συναντήθηκε με τον πρόεδρο του συλλόγου Νίκο Βλάχο, ο οποίος κάλεσε τους κατοίκους να στηρίξουν την αγορά.\n");
  assert.equal(named[0].text, "στηρίξουν την αγορά");
  assert.equal(who(named[0]), "Νίκο Βλάχο");

  const predicting = analyse("Title\n\nThe governor said the economy was recovering quickly from the crisis, predicting growth of 3 percent next year.\n");
  const growth = predicting.find((q) => q.cue === "predicting");
  assert.equal(growth?.text, "growth of 3 percent next year");
  assert.match(who(growth) ?? "", /governor/);
});

test("a bare reporting clause set off by commas makes the whole clause reported speech of the one before", () => {
  const greek = analyse(
    "Τίτλος\n\nΟ υπουργός Επικρατείας Άκης Σκέρτσος μίλησε σε συνέδριο στην Αθήνα για τη δημοκρατία.\n\nΑυτή, είπε, είναι η αποστολή της πολιτικής σε μια δημοκρατία σημειώνοντας πως πρέπει να βελτιώνουμε την καθημερινότητα.\n",
  );
  assert.equal(greek[0].kind, "indirect");
  assert.equal(greek[0].text, "Αυτή, είπε, είναι η αποστολή της πολιτικής σε μια δημοκρατία");
  assert.equal(greek[0].cue, "είπε");
  assert.equal(who(greek[0]), "Άκης Σκέρτσος");

  const english = analyse("Title\n\nState minister John Carter spoke at a conference in Athens.\n\nThe economy, he added, will grow quickly in the coming years.\n");
  assert.equal(english.length, 1);
  assert.equal(english[0].text, "The economy, he added, will grow quickly in the coming years");
  assert.equal(who(english[0]), "John Carter");

  // commas around other words, or around a cue with a named subject, are no such clause
  assert.equal(analyse("Title\n\nThe bill, which passed on Tuesday, will cut taxes for most families.\n").length, 0);
  assert.equal(analyse("Τίτλος\n\nΤο νομοσχέδιο, που ψηφίστηκε την Τρίτη, θα μειώσει τους φόρους.\n").length, 0);
});

test("a pronoun that opens a bare clause as the subject of its verb does not block it (with POS tags): 'saying it would help', not 'said it in a statement'", () => {
  const tagged = (page: string) => findQuotes(defaultPipeline().run(buildDoc(parseTextPage(page))));
  const saying = tagged("Title\n\nGerman Finance Minister Joerg Kukies welcomed the decision, saying it would help the struggling economy.\n");
  assert.deepEqual(saying.map((q) => [q.kind, who(q), q.text]), [["indirect", "Joerg Kukies", "it would help the struggling economy"]]);
  const object = tagged("Title\n\nThe finance minister said it in a statement to parliament on Monday evening.\n");
  assert.equal(object.length, 0);
});

test("imperfect forms of the speech verbs are cues too («σημείωναν», «υπογράμμιζε», «κατήγγελλαν»)", () => {
  const sources = analyse("Τίτλος\n\nΠηγές του Προεδρικού σημείωναν ότι η Λευκωσία δεν θα μπει σε παιχνίδια εντυπώσεων.\n");
  assert.deepEqual(sources.map((q) => [q.cue, q.text]), [["σημείωναν", "η Λευκωσία δεν θα μπει σε παιχνίδια εντυπώσεων"]]);
  const minister = analyse("Τίτλος\n\nΟ υπουργός Οικονομικών υπογράμμιζε ότι τα δημόσια οικονομικά είναι υγιή.\n");
  assert.equal(minister[0]?.cue, "υπογράμμιζε");
  const unions = analyse("Τίτλος\n\nΟι εργαζόμενοι κατήγγελλαν ότι δεν έχουν πληρωθεί εδώ και τρεις μήνες.\n");
  assert.equal(unions[0]?.cue, "κατήγγελλαν");
});

test("a reported clause ends before a subject with its role words and a cue; a question put to the subject by someone unnamed is not the subject's; a noun is no cue", () => {
  const ended = analyse("Title\n\nThe minister insisted that the talks could resume this year, UN spokesman Stephane Dujarric said.\n");
  assert.equal(ended[0].text, "the talks could resume this year");
  const asked = analyse('Title\n\nThe talks stalled in March.\n\nAsked whether talks could resume this year, UN spokesman Stephane Dujarric said: "We remain hopeful."\n');
  assert.deepEqual(asked.map((q) => [q.kind, q.text]), [["direct", "We remain hopeful."]]);
  const tagged = (page: string) => findQuotes(defaultPipeline().run(buildDoc(parseTextPage(page))));
  const remarks = tagged('Title\n\nTurkish President Recep Tayyip Erdogan said on Wednesday that Ankara would "never" accept a federal solution in Cyprus, in remarks that drew a sharp response from Nicosia.\n');
  assert.equal(remarks.length, 1);
  assert.match(remarks[0].text, /in remarks that drew a sharp response from Nicosia$/);
});

test("content first, then its speaker and who was told: the outlet told is the channel (\"…, a senior EU official told Politico.\")", () => {
  const quotes = analyse("Title\n\nThe deal will be signed next month, a senior EU official told Politico.\n");
  assert.deepEqual(quotes.map((q) => [q.kind, who(q), q.via, q.text]), [["indirect", "senior EU official", "Politico", "The deal will be signed next month"]]);
});

test("a bare source may be the subject (\"…, officials said.\"); with the tagger, nouns before a role are part of the speaker's phrase (\"fire service spokesman X told …\")", () => {
  const bare = analyse("Title\n\nThe fire forced the evacuation of several villages north of the city, police said.\n");
  assert.deepEqual(bare.map((q) => [who(q), q.text]), [["police", "The fire forced the evacuation of several villages north of the city"]]);
  const tagged = (page: string) => findQuotes(defaultPipeline().run(buildDoc(parseTextPage(page))));
  const spokesman = tagged('Title\n\n"The situation is very difficult," fire service spokesman Vassilis Vathrakogiannis told state broadcaster ERT. "We have 400 firefighters on the ground."\n');
  assert.deepEqual(spokesman.map((q) => [q.kind, who(q), q.via]), [["direct", "Vassilis Vathrakogiannis", "ERT"], ["direct", "Vassilis Vathrakogiannis", null]]);
});

test("a dateline is not part of the content before the frame (\"ATHENS, Greece (AP) — …, authorities said.\")", () => {
  const quotes = analyse("Title\n\nATHENS, Greece (AP) — A wildfire forced the evacuation of several villages north of Athens on Sunday, authorities said.\n");
  assert.deepEqual(quotes.map((q) => [who(q), q.text]), [["authorities", "A wildfire forced the evacuation of several villages north of Athens on Sunday"]]);
});

test("a possessive opens an English speaker phrase as an article does (\"…, her office said.\", \"his spokesman said that …\")", () => {
  const office = analyse("Title\n\nThe foreign policy chief Kaja Kallas will visit Ankara next week, her office said.\n");
  assert.deepEqual(office.map((q) => [who(q), q.text]), [["office", "The foreign policy chief Kaja Kallas will visit Ankara next week"]]);
  const spokesman = analyse("Title\n\nThe prime minister was in Brussels. His spokesman said that the talks would continue on Friday.\n");
  assert.equal(spokesman[0]?.text, "the talks would continue on Friday");
  assert.match(who(spokesman[0]) ?? "", /spokesman/);
});

test("a second complement after a direct quotation that was the first is reported by the same cue and speaker («ότι «…» και ότι η χώρα «…»»)", () => {
  const quotes = analyse("Τίτλος\n\nΟ κυβερνητικός εκπρόσωπος Παύλος Μαρινάκης δήλωσε ότι «η Ελλάδα δεν απειλείται από κανέναν» και ότι η χώρα «θα υπερασπιστεί τα κυριαρχικά της δικαιώματα».\n");
  assert.deepEqual(quotes.map((q) => [q.kind, q.cue, who(q), q.text]), [
    ["direct", "δήλωσε", "Παύλος Μαρινάκης", "η Ελλάδα δεν απειλείται από κανέναν"],
    ["indirect", "δήλωσε", "Παύλος Μαρινάκης", "η χώρα «θα υπερασπιστεί τα κυριαρχικά της δικαιώματα»"],
  ]);
});
