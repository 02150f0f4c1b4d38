import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../../doc/doc.js";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { Pipeline } from "../../pipeline/pipeline.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../../text/components.js";
import { findQuotes, quotesComponent } from "./component.js";
import { ENGLISH_ARTICLE, GREEK_ARTICLE } from "./fixtures.js";
import type { Quote } from "./types.js";

const textLayer = new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
const prepare = (page: string): Doc => textLayer.run(buildDoc(parseTextPage(page)));
const analyse = (page: string): Quote[] => findQuotes(prepare(page));
const who = (q: Quote | undefined) => (q?.speaker ? (q.speaker.name ?? q.speaker.description) : null);

function find(quotes: Quote[], fragment: string): Quote {
  const q = quotes.find((x) => x.text.includes(fragment));
  assert.ok(q, `no quote with «${fragment}» in ${JSON.stringify(quotes.map((x) => x.text))}`);
  return q;
}

test("the component declares its layers and fills doc.layers.quotes", () => {
  const c = quotesComponent();
  assert.deepEqual(c.reads, ["tokens", "sentences"]);
  assert.deepEqual(c.writes, ["quotes"]);
  const doc = prepare(GREEK_ARTICLE);
  c.run(doc);
  assert.ok(doc.layers.quotes && doc.layers.quotes.length > 0);
});

test("Greek: content-first, direct with source chain, pro-drop, reported speech with stance", () => {
  const doc = prepare(GREEK_ARTICLE);
  const quotes = findQuotes(doc);
  const body = quotes.filter((q) => q.start > (doc.meta.title?.end ?? 0));

  const first = find(body, "Η κυβέρνηση δεν θα αλλάξει");
  assert.equal(first.kind, "indirect");
  assert.equal(first.text, "Η κυβέρνηση δεν θα αλλάξει τη στάση της στο μεταναστευτικό");
  assert.equal(doc.text.slice(first.start, first.end), first.text);
  assert.equal(first.cue, "δήλωσε");
  assert.equal(first.speaker?.name, "Άρης Ευαγγελίου");
  assert.equal(first.speaker?.role, "Έλληνας υπουργός Μετανάστευσης");

  const direct = find(body, "Οι Ευρωπαίοι εταίροι");
  assert.equal(direct.kind, "direct");
  assert.equal(direct.text, "Οι Ευρωπαίοι εταίροι μας οφείλουν να δείξουν αλληλεγγύη");
  assert.equal(direct.speaker?.name, "Άρης Ευαγγελίου", "the short mention «ο Ευαγγελίου» resolves to the full name");
  assert.equal(direct.via, "ΑΠΕ");
  assert.deepEqual(direct.stance, { type: "assert", polarity: "positive" });

  const proDrop = find(body, "Η Ελλάδα δεν μπορεί");
  assert.equal(proDrop.cue, "πρόσθεσε");
  assert.equal(proDrop.speaker?.name, "Άρης Ευαγγελίου");
  assert.equal(proDrop.speaker?.mention, null);

  const reported = find(body, "οι Βρυξέλλες εξετάζουν");
  assert.equal(reported.text, "οι Βρυξέλλες εξετάζουν νέα μέτρα");
  assert.equal(reported.speaker?.name, "Γιάννης Αϊβάζογλου");
  const denial = find(body, "υπάρχει σχέδιο");
  assert.deepEqual(denial.stance, { type: "deny", polarity: "negative" });
  assert.equal(denial.speaker?.name, "Γιάννης Αϊβάζογλου");

  const official = find(body, "παρακολουθούν στενά");
  assert.equal(official.speaker?.name, null);
  assert.equal(official.speaker?.description, "Αξιωματούχος του Λευκού Οίκου");

  const colon = find(body, "έκτακτη σύνοδο");
  assert.equal(colon.kind, "direct");
  assert.equal(colon.speaker?.name, "Γιάννης Αϊβάζογλου", "an upper-case mention with diaeresis still resolves");

  const fragment = find(body, "δίκαιες τιμές");
  assert.equal(fragment.kind, "direct", "a fragment quoted after a speech verb is a direct quotation of its subject");
  assert.equal(who(fragment), "αγρότες");
  assert.ok(!body.some((q) => q.text === "Πράσινης Συμφωνίας"), "titles are not statements");
  assert.equal(body.length, 8);
});

test("Greek headline statement: «Πόλη: δήλωση» and a quote in the headline", () => {
  const quotes = analyse("Μόσχα: Δεν υποκύπτουμε σε πιέσεις των ΗΠΑ\n\nΗ συνάντηση έγινε χθες.\n");
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].text, "Δεν υποκύπτουμε σε πιέσεις των ΗΠΑ");
  assert.equal(who(quotes[0]), "Μόσχα");
});

test("a negated cue flips its polarity", () => {
  const quotes = analyse("Τίτλος\n\nΟ υπουργός Υγείας Πέτρος Λάμπρου δεν αρνήθηκε ότι υπάρχουν ελλείψεις στα νοσοκομεία.\n");
  assert.deepEqual(quotes[0].stance, { type: "deny", polarity: "positive" });
  assert.equal(who(quotes[0]), "Πέτρος Λάμπρου");
});

test("English: told, continuation, bare clause, according to, described source, pronoun, citing", () => {
  const doc = prepare(ENGLISH_ARTICLE);
  const quotes = findQuotes(doc);

  const saying = find(quotes, "fell far short");
  assert.equal(saying.cue, "saying");
  assert.match(who(saying) ?? "", /union/);

  const insult = find(quotes, "This offer is an insult");
  assert.equal(insult.kind, "direct");
  assert.equal(insult.speaker?.name, "Mick Lawson");
  assert.equal(insult.speaker?.role, "general secretary");
  assert.equal(insult.via, "Reuters");
  assert.equal(who(find(quotes, "We will not accept it")), "Mick Lawson");

  const bare = find(quotes, "fair and final offer");
  assert.equal(bare.text, "the government had made a fair and final offer");
  assert.equal(bare.speaker?.name, "Helen Ward");
  assert.equal(bare.via, "BBC");

  assert.equal(find(quotes, "talks could resume").speaker?.description, "senior government official");

  const denied = find(quotes, "walked away");
  assert.deepEqual(denied.stance, { type: "deny", polarity: "negative" });
  assert.equal(who(denied), "Mick Lawson");
  const he = find(quotes, "strikes would go ahead");
  assert.equal(who(he), "Mick Lawson");
  assert.equal(doc.text.slice(he.speaker!.mention!.start, he.speaker!.mention!.end), "He");

  const ft = find(quotes, "The dispute will cost");
  assert.equal(ft.speaker?.name, "Financial Times");
  assert.equal(ft.citing, "people familiar with the talks");

  assert.ok(!quotes.some((q) => q.text === "chaos"));
  assert.equal(quotes.length, 8);
});

test("the taggers' mentions give names their bounds when present", () => {
  const page = "Τίτλος\n\nΟ διευθυντής του νοσοκομείου Ευαγγελισμός Πέτρος Ιωάννου είπε ότι οι εφημερίες θα συνεχιστούν κανονικά.\n";
  const doc = prepare(page);
  const start = doc.text.indexOf("Πέτρος Ιωάννου");
  doc.layers.mentions = [{ start, end: start + "Πέτρος Ιωάννου".length, text: "Πέτρος Ιωάννου", type: "PER" }];
  assert.equal(findQuotes(doc)[0].speaker?.name, "Πέτρος Ιωάννου");
});

test("Greek subjects: an earlier named subject for pro-drop, να-clauses, plural sources, proper names with source nouns", () => {
  const antecedent = analyse("Τίτλος\n\nΟ δήμαρχος Πάτρας Κώστας Πελετίδης επισκέφθηκε χθες το λιμάνι.\n\n«Θα ζητήσουμε άμεση χρηματοδότηση από το κράτος», είπε.\n");
  assert.equal(who(antecedent[0]), "Κώστας Πελετίδης");
  assert.equal(antecedent[0].speaker?.role, "δήμαρχος Πάτρας");

  const na = analyse("Τίτλος\n\nΗ Άγκυρα αντέδρασε χθες, με τον Τούρκο υπουργό Εξωτερικών να δηλώνει ότι η Τουρκία δεν θα επιτρέψει τις γεωτρήσεις.\n");
  assert.equal(who(na[0]), "Τούρκο υπουργό Εξωτερικών");

  const parties = analyse("Τίτλος\n\nΤα κόμματα της αντιπολίτευσης υποστήριξαν ότι οι δαπάνες για την υγεία παραμένουν χαμηλές.\n");
  assert.equal(who(parties[0]), "κόμματα της αντιπολίτευσης");

  const agency = analyse("Τίτλος\n\n«Οι συνομιλίες θα συνεχιστούν», είπε ο Νίκος Ζαΐρης, όπως μετέδωσε το Κυπριακό Πρακτορείο Ειδήσεων.\n");
  assert.equal(agency[0].via, "Κυπριακό Πρακτορείο Ειδήσεων");
  assert.equal(who(agency[0]), "Νίκος Ζαΐρης");

  const asked = analyse("Τίτλος\n\n«Η κατάσταση είναι υπό έλεγχο», δήλωσε ο εκπρόσωπος Ανδρέας Κεττής. Ερωτηθείς για τα αίτια, απάντησε: «Είναι νωρίς να πούμε οτιδήποτε».\n");
  assert.equal(who(asked[1]), "Ανδρέας Κεττής", "a participle that opens a sentence is not a name");
});

test("English subjects: names before an apposition, nouns that look like cues, coordinated cues", () => {
  const apposition = analyse("Title\n\nDr. Nikos Alexiou, an economist at the University of Athens, warned that a long strike could cost millions.\n");
  assert.equal(who(apposition[0]), "Nikos Alexiou");

  const report = analyse("Title\n\nThe report said that flood defences had failed in three towns.\n");
  assert.equal(report.length, 1);
  assert.equal(report[0].cue, "said");

  const operator = analyse('Title\n\nThe operator said in a statement that it "remains committed to dialogue" and denied claims that staffing levels were unsafe.\n');
  assert.deepEqual(operator.map((q) => q.cue), ["said", "denied"]);
  assert.equal(operator[1].text, "staffing levels were unsafe");
  assert.equal(who(operator[1]), who(operator[0]));
});

test("attributions, channels and bare clauses that hold other verbs", () => {
  const attributed = analyse('Title\n\n"Inflation will fall below two percent next year," according to the central bank governor.\n');
  assert.equal(who(attributed[0]), "central bank governor");
  assert.equal(attributed[0].cue, null);

  const channel = analyse("Τίτλος\n\nΟ υπουργός Εργασίας Γιάννης Μιχαήλ μίλησε χθες στη Βουλή.\n\n«Οι συντάξεις θα αυξηθούν από τον Ιανουάριο», όπως μετέδωσε το ΚΥΠΕ.\n");
  assert.equal(channel[0].via, "ΚΥΠΕ");
  assert.equal(who(channel[0]), "Γιάννης Μιχαήλ");

  const dealers = analyse("Title\n\nSingapore dealers said they were concerned that offers to sell gold had revived.\n");
  assert.equal(who(dealers[0]), "Singapore dealers");
  assert.equal(dealers[0].text, "they were concerned that offers to sell gold had revived");

  const nato = analyse('Title\n\nNATO Secretary General Mark Rutte warned Moscow on Thursday, saying the alliance would "respond decisively" to any attack.\n');
  assert.equal(nato[0].text, 'the alliance would "respond decisively" to any attack');
  assert.equal(who(nato[0]), "Mark Rutte");

  assert.equal(analyse("Title\n\nThe company added 200 jobs in March and stressed the need for new investment.\n").length, 0);
});

test("a quote after a cue and its object is direct when it ends the clause; one after a complementizer is part of the clause", () => {
  const asked = analyse("Τίτλος\n\nΟ βουλευτής Πέτρος Σάββας ζήτησε από τον υπουργό «να δώσει εξηγήσεις για τις καθυστερήσεις».\n");
  assert.equal(asked.length, 1);
  assert.equal(asked[0].kind, "direct");
  assert.equal(asked[0].text, "να δώσει εξηγήσεις για τις καθυστερήσεις");
  assert.equal(who(asked[0]), "Πέτρος Σάββας");

  const described = analyse('Title\n\nThe senator described the plan as "a dead end for the region".\n');
  assert.equal(described[0].kind, "direct");
  assert.equal(described[0].cue, "described");

  const inside = analyse("Τίτλος\n\nΟ υπουργός Νίκος Ζάχος πρόσθεσε ότι πολλές «ευρωπαϊκές χώρες» ενδιαφέρονται για τη συμφωνία.\n");
  assert.deepEqual(inside.map((q) => q.kind), ["indirect"]);

  const whole = analyse("Τίτλος\n\nΟ υπουργός Νίκος Ζάχος ανέφερε πως «η συμφωνία είναι έτοιμη» και πως «θα υπογραφεί τον Μάιο».\n");
  assert.deepEqual(whole.map((q) => [q.kind, q.text, who(q)]), [
    ["direct", "η συμφωνία είναι έτοιμη", "Νίκος Ζάχος"],
    ["direct", "θα υπογραφεί τον Μάιο", "Νίκος Ζάχος"],
  ]);
});

test("a quotation whose speaker the next sentence names, pointing back to it («Έτσι χαρακτήρισε … ο Χ», \"That was how X described …\")", () => {
  const greek = analyse("Τίτλος\n\nΟι συνομιλίες ξεκίνησαν ξανά στη Γενεύη τη Δευτέρα.\n\n«Η κατάσταση είναι κρίσιμη»\n\nΈτσι χαρακτήρισε τη συγκυρία ο Ύπατος Αρμοστής του Ηνωμένου Βασιλείου, μιλώντας στο ΚΥΠΕ.\n");
  assert.deepEqual(greek.map((q) => [q.kind, q.cue, who(q), q.text]), [["direct", "χαρακτήρισε", "Ύπατος Αρμοστής του Ηνωμένου Βασιλείου", "Η κατάσταση είναι κρίσιμη"]]);
  const english = analyse('Title\n\nThe talks resumed in Geneva on Monday after a long pause.\n\n"The situation is critical."\n\nThat was how the British High Commissioner described the moment, speaking to reporters.\n');
  assert.deepEqual(english.map((q) => [q.cue, who(q)]), [["described", "British High Commissioner"]]);
  // a short quotation no sentence points back to is no quotation
  assert.equal(analyse("Τίτλος\n\nΟι συνομιλίες ξεκίνησαν ξανά τη Δευτέρα.\n\n«Η κατάσταση είναι κρίσιμη»\n\nΟι δύο πλευρές θα συναντηθούν ξανά τον Μάρτιο.\n").length, 0);
});

test("a fragment right after a cue of several words is its speaker's («έκανε λόγο για «κλιμάκωση»»)", () => {
  const quotes = analyse("Τίτλος\n\nΟ πρώην πρωθυπουργός Αλέξης Τσίπρας έκανε λόγο για «επικίνδυνη ρητορική».\n\nΗ αντιπολίτευση έκανε λόγο για «κλιμάκωση» της έντασης.\n");
  assert.deepEqual(quotes.map((q) => [q.kind, q.cue, who(q), q.text]), [
    ["direct", "έκανε λόγο για", "Αλέξης Τσίπρας", "επικίνδυνη ρητορική"],
    ["direct", "έκανε λόγο για", "αντιπολίτευση", "κλιμάκωση"],
  ]);
});
