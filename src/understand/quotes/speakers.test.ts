import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseTextPage } from "../../extract/text-page.js";
import { buildDoc } from "../../pipeline/build.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { findQuotes } from "./component.js";
import type { Quote } from "./types.js";

// The taggers' tags and mentions take part in choosing speakers: these run the whole pipeline.
const tagged = (page: string): Quote[] => findQuotes(defaultPipeline().run(buildDoc(parseTextPage(page))));
const who = (q: Quote | undefined) => (q?.speaker ? (q.speaker.name ?? q.speaker.description) : null);

test("a line that names no entity is not the antecedent of a pro-drop quote", () => {
  const quotes = tagged("Τίτλος\n\nΟ υπουργός Εργασίας Κώστας Μαρκόπουλος μίλησε χθες στη Βουλή για το ασφαλιστικό.\n\nΣΥΝΕΧΕΙΑ ΑΡΘΡΟΥ\n\n«Οι συντάξεις θα αυξηθούν από τον Ιανουάριο», πρόσθεσε.\n");
  assert.equal(who(quotes[0]), "Κώστας Μαρκόπουλος");
  assert.equal(quotes[0].speaker?.mention, null);
});

test("an institution named by its head word resolves to its full name", () => {
  const quotes = tagged("Title\n\nNorthfield Memorial Hospital has closed two wards after a norovirus outbreak.\n\nThe hospital said that visits would resume next week.\n");
  assert.equal(who(quotes[0]), "Northfield Memorial Hospital");
});

test("a role no speaker holds resolves to the person named before it; the description stays as role", () => {
  const quotes = tagged("Οι δηλώσεις του Γιάννη Σπανού\n\nΟ προπονητής της ομάδας δήλωσε ότι οι παίκτες έδωσαν τον καλύτερό τους εαυτό.\n");
  assert.equal(quotes[0].speaker?.name, "Γιάννη Σπανού");
  assert.equal(quotes[0].speaker?.role, "προπονητής της ομάδας");
});

test("a name joined by και between genitives is one speaker; a genitive is no subject", () => {
  const union = tagged("Τίτλος\n\nΣε ανακοίνωσή της, η Ένωση Αστυνομικών και Πυροσβεστών γνωστοποίησε ότι οι εργαζόμενοι θα απεργήσουν την Πέμπτη.\n");
  assert.equal(who(union[0]), "Ένωση Αστυνομικών και Πυροσβεστών");
  const spokesman = tagged("Τίτλος\n\nΟ εκπρόσωπος του υπουργείου σε δήλωσή του για τις απειλές Ερντογάν - Τσαβούσογλου ανέφερε: «Η Ελλάδα σέβεται το διεθνές δίκαιο».\n");
  assert.equal(who(spokesman[0]), "εκπρόσωπος του υπουργείου");
});

test("a person the recogniser found ends an affiliation's run of capitals: the name, not the affiliation", () => {
  const quotes = tagged("Τίτλος\n\nΟ αναπληρωτής εκπρόσωπος του Λευκού Οίκου Τζον Μίλερ δήλωσε ότι η είδηση είναι εντελώς ανακριβής.\n");
  assert.equal(who(quotes[0]), "Τζον Μίλερ");
});

test("a role the named speaker does not hold is someone else: no antecedent taken", () => {
  const quotes = tagged("Ο Ακάρ επιμένει στη συμφωνία με τη Ρώμη\n\nΟ υπουργός Άμυνας της Τουρκίας Χουλουσί Ακάρ δήλωσε την Τρίτη ότι η Άγκυρα δεν θα αλλάξει τη θέση της.\n\n«Η συνεργασία μας δεν στρέφεται εναντίον κανενός», είπε ο Ακάρ σε δημοσιογράφους στην Άγκυρα.\n\nΣύμφωνα με Ιταλό διπλωμάτη, η συμφωνία θα υπογραφεί τον Μάιο.\n");
  const last = quotes.at(-1);
  assert.equal(last?.speaker?.name, null, JSON.stringify(last?.speaker));
  assert.match(last?.speaker?.description ?? "", /διπλωμάτη/u);
  assert.equal(who(quotes[0]), "Χουλουσί Ακάρ");
});

test("a headline label before a colon is no speaker; a place or person the taggers found is", () => {
  const inHeadline = (page: string) => tagged(page).filter((q) => q.end <= page.indexOf("\n"));
  assert.deepEqual(inHeadline("ΆΡΘΡΟ: Η Κύπρος ζητά στήριξη για τον αγωγό φυσικού αερίου\n\nΗ Λευκωσία ζητά στήριξη από την Ευρωπαϊκή Ένωση για τον αγωγό.\n"), []);
  assert.equal(who(inHeadline("Μόσχα: Δεν θα υποχωρήσουμε στις πιέσεις των ΗΠΑ για το Ιράν\n\nΗ Ρωσία απέρριψε τις πιέσεις της Ουάσινγκτον.\n")[0]), "Μόσχα");
});

test("a verb form, an adverb or a common noun that opens the sentence is no speaker: the subject left out is the one before", () => {
  const page = [
    "Συνεδρίαση της Βουλής για τον προϋπολογισμό",
    "Ο βουλευτής Τάκης Μιχαλόλιας μίλησε στην Ολομέλεια για την οικονομία και τις συντάξεις.",
    "«Η κυβέρνηση δεν ακούει τους πολίτες», είπε ο Μιχαλόλιας.",
    "Ολοκληρώνοντας ζήτησε από την πρόεδρο «να πείτε ένα ηχηρό όχι σε όσους θέλουν να κλείσουν τη Βουλή».",
    "Τελικά δήλωσε ότι η συζήτηση θα συνεχιστεί την επόμενη εβδομάδα.",
    "Δευτέρα δήλωσε ότι οι φόροι θα μειωθούν.",
  ].join("\n\n");
  const quotes = tagged(`${page}\n`);
  assert.equal(quotes.length, 4);
  assert.deepEqual(quotes.map(who), Array(4).fill("Τάκης Μιχαλόλιας"));
});
