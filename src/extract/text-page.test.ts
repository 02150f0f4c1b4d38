import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseTextPage } from "./text-page.js";

const PAGE = `Λευκωσία: Νέα μέτρα για την κυκλοφορία στο κέντρο

Το δημοτικό συμβούλιο ενέκρινε χθες νέο σχέδιο για την κυκλοφορία στο ιστορικό κέντρο της πόλης.

«Θέλουμε μια πόλη για τους πεζούς», δήλωσε ο δήμαρχος. Οι αλλαγές ξεκινούν τον Μάρτιο.

ΔΕΊΤΕ ΕΠΊΣΗΣ

Ανοίγει ξανά η αγορά της Λεμεσού
Στα ύψη οι τιμές των ενοικίων
«Όχι άλλη καθυστέρηση»: Οι κάτοικοι διαμαρτύρονται
`;

test("headline, body paragraphs and a marked related block", () => {
  const a = parseTextPage(PAGE);
  assert.equal(a.title, "Λευκωσία: Νέα μέτρα για την κυκλοφορία στο κέντρο");
  assert.equal(a.paragraphs.length, 2);
  assert.ok(a.paragraphs[0].startsWith("Το δημοτικό συμβούλιο"));
  assert.ok(a.paragraphs[1].endsWith("τον Μάρτιο."));
  assert.equal(a.relatedMarker, "ΔΕΊΤΕ ΕΠΊΣΗΣ");
  assert.deepEqual(
    a.related.map((r) => r.title),
    ["Ανοίγει ξανά η αγορά της Λεμεσού", "Στα ύψη οι τιμές των ενοικίων", "«Όχι άλλη καθυστέρηση»: Οι κάτοικοι διαμαρτύρονται"],
  );
  for (const r of a.related) assert.ok(!a.paragraphs.join("\n").includes(r.title));
});

test("markers match in any case, with or without accents, with a colon", () => {
  for (const marker of ["Δειτε Επισης", "δείτε ακόμη:", "Διαβάστε επίσης:", "ΣΧΕΤΙΚΑ ΑΡΘΡΑ", "See also", "READ MORE", "Related"]) {
    const a = parseTextPage(PAGE.replace("ΔΕΊΤΕ ΕΠΊΣΗΣ", marker));
    assert.equal(a.related.length, 3, marker);
    assert.equal(a.paragraphs.length, 2, marker);
  }
});

test("a marker with the headline on the same line", () => {
  const page = `Storm hits the coast\n\nA storm hit the coast on Monday, closing ports.\n\nRead also: Ferries cancelled across the islands\n\n- Advertisement -\n`;
  const a = parseTextPage(page);
  assert.equal(a.relatedMarker, "Read also:");
  assert.deepEqual(a.related, [{ title: "Ferries cancelled across the islands", url: null }]);
  assert.deepEqual(a.paragraphs, ["A storm hit the coast on Monday, closing ports."]);
});

test("a related block found by its shape, without a marker", () => {
  const page = `Η βροχή έφερε πλημμύρες

Έντονη βροχόπτωση προκάλεσε πλημμύρες σε δρόμους της Πάφου τις πρώτες πρωινές ώρες της Τρίτης, με την πυροσβεστική να δέχεται δεκάδες κλήσεις για άντληση υδάτων.
Οι αρχές ζητούν από τους οδηγούς να είναι ιδιαίτερα προσεκτικοί και να αποφεύγουν τις άσκοπες μετακινήσεις μέχρι να βελτιωθεί ο καιρός.
Κλειστά τα σχολεία την Παρασκευή
Νέος δρόμος για το αεροδρόμιο
Ποιοι δικαιούνται το επίδομα θέρμανσης
ΣΧΟΛΙΑ
`;
  const a = parseTextPage(page);
  assert.equal(a.paragraphs.length, 2);
  // The run's first headlines are related; its last line, before the page's furniture, may be read as furniture.
  assert.deepEqual(a.related.map((r) => r.title).slice(0, 2), ["Κλειστά τα σχολεία την Παρασκευή", "Νέος δρόμος για το αεροδρόμιο"]);
  assert.ok(!a.paragraphs.some((p) => p.startsWith("Ποιοι")));
});

test("two short lines after the body are not a related block", () => {
  const page = `Τίτλος άρθρου για τον δήμο\n\n${"Το δημοτικό συμβούλιο συνεδρίασε χθες για τον προϋπολογισμό της νέας χρονιάς και ενέκρινε τις δαπάνες για τα σχολεία."}\nΜια σύντομη γραμμή.\nΚαι μια ακόμη.\n`;
  const a = parseTextPage(page);
  assert.equal(a.related.length, 0);
  assert.ok(a.paragraphs.length >= 2 && a.paragraphs[1] === "Μια σύντομη γραμμή.");
});

test("breadcrumbs, bylines and captions before the body are dropped", () => {
  const page = `• Πολιτική\n\n   Η Βουλή ψήφισε τον νέο νόμο\n\n   • Σύνταξη\n\n   Ο πρόεδρος της Βουλής. Φωτογραφία αρχείου\n\n   Η Βουλή ψήφισε χθες το βράδυ τον νέο νόμο για τη διαφάνεια στις δημόσιες προμήθειες, με ευρεία πλειοψηφία.\n\n   ΣΧΟΛΙΑ\n`;
  const a = parseTextPage(page);
  assert.equal(a.title, "Η Βουλή ψήφισε τον νέο νόμο");
  assert.deepEqual(a.paragraphs, ["Η Βουλή ψήφισε χθες το βράδυ τον νέο νόμο για τη διαφάνεια στις δημόσιες προμήθειες, με ευρεία πλειοψηφία."]);
});

test("a dateline between the headline and the body dates the article", () => {
  const page = `Νέος δρόμος για το αεροδρόμιο\n\nΤρίτη, 15 Οκτωβρίου 2024, 18:48\n\nΤο υπουργείο Μεταφορών ανακοίνωσε σήμερα την κατασκευή νέου δρόμου προς το αεροδρόμιο της Λάρνακας.\n`;
  const a = parseTextPage(page);
  assert.equal(a.meta.published, "2024-10-15T18:48:00");
  assert.deepEqual(a.paragraphs, ["Το υπουργείο Μεταφορών ανακοίνωσε σήμερα την κατασκευή νέου δρόμου προς το αεροδρόμιο της Λάρνακας."]);
  const en = parseTextPage(`Ferries cancelled\n\n23/5/2020 18:48\n\nAll ferries to the islands were cancelled on Saturday because of strong winds.\n`);
  assert.equal(en.meta.published, "2020-05-23T18:48:00");
});

test("without a dateline before the body, a byline's date inside it dates the article", () => {
  const lead = "The central bank cut its deposit rate by 25 basis points to 2.75% today, as widely expected by the markets.";
  const rest = "Unlike the Fed, the bank clearly suggested further rate cuts in the coming months, and we continue to expect three more of them.";
  const a = parseTextPage(`Rate cut as expected\n\n${lead}\n\nDr. Jane Miller\n\nNorthbank Economic Research\n\n01/30/2025\n\n${rest}\n`);
  assert.equal(a.meta.published, "2025-01-30");
  assert.ok(!a.paragraphs.includes("01/30/2025"));
  // a date in the body's prose is no byline
  const prose = parseTextPage(`Rate cut as expected\n\n${lead}\n\nThe next meeting of the council is on 6 March 2025, when a further cut of the same size is widely expected.\n`);
  assert.equal(prose.meta.published, undefined);
});

test("a short line ending in a colon before a quotation belongs to the body", () => {
  const lead = "Ο υπουργός Εργασίας μίλησε σήμερα στη Βουλή για το νέο ασφαλιστικό νομοσχέδιο και τις αλλαγές που φέρνει για τους συνταξιούχους.";
  const page = `Ο υπουργός για τις συντάξεις\n\n${lead}\n\nΟ υπουργός Εργασίας δήλωσε:\n\n«Οι συντάξεις θα αυξηθούν από τον Ιανουάριο.»\n`;
  const a = parseTextPage(page);
  assert.deepEqual(a.paragraphs, [lead, "Ο υπουργός Εργασίας δήλωσε:", "«Οι συντάξεις θα αυξηθούν από τον Ιανουάριο.»"]);
});

test("an archive date line gives the date, and a first line of prose is no headline", () => {
  const page = ` date 2021-03 Η συνάντηση των δύο ηγετών ολοκληρώθηκε χωρίς συμφωνία, καθώς οι δύο πλευρές διαφώνησαν σε όλα τα βασικά ζητήματα που τέθηκαν στο τραπέζι των συνομιλιών.\n\nΟι συνομιλίες θα συνεχιστούν.\n`;
  const a = parseTextPage(page);
  assert.equal(a.meta.published, "2021-03");
  assert.equal(a.title, null);
  assert.ok(a.paragraphs[0].startsWith("Η συνάντηση"));
});

test("an insert of related links inside the body does not end the body", () => {
  const long = "Η δεύτερη παράγραφος του άρθρου συνεχίζει την αφήγηση των γεγονότων με αρκετές λεπτομέρειες για το τι συνέβη, ποιοι ήταν εκεί και τι ειπώθηκε στη σύσκεψη.";
  const first = "Η πρώτη παράγραφος του άρθρου περιγράφει τι έγινε χθες το απόγευμα στη σύσκεψη των φορέων της πόλης για τα νέα έργα.";
  const page = `Τίτλος του άρθρου για τη σύσκεψη\n\n${first}\n\nΔιαβάστε επίσης: Άλλο θέμα της ημέρας\n\n${long}\n`;
  const a = parseTextPage(page);
  assert.deepEqual(a.related.map((r) => r.title), ["Άλλο θέμα της ημέρας"]);
  assert.deepEqual(a.paragraphs, [first, long]);
});

test("an empty page gives no headline and no body", () => {
  const a = parseTextPage("\n\n  \n");
  assert.equal(a.title, null);
  assert.deepEqual(a.paragraphs, []);
});

test("a section label with date and time before the headline, a glued byline, a closing source line", () => {
  const page = [
    "Πολιτική | 03.05.2021 10:15",
    "",
    "Η Βουλή ψήφισε το νομοσχέδιο για την ενέργεια",
    "",
    "ΣύνταξηΗ Βουλή ψήφισε χθες το βράδυ το νομοσχέδιο για την ενέργεια, με τις ψήφους της πλειοψηφίας και δύο κομμάτων της αντιπολίτευσης.",
    "",
    "Ο αρμόδιος υπουργός δήλωσε ότι οι πρώτες ρυθμίσεις θα εφαρμοστούν από τον Σεπτέμβριο, μετά τη διαβούλευση με τους φορείς.",
    "",
    "Πηγή: ΑΠΕ-ΜΠΕ",
    "",
    "ΣΧΟΛΙΑ",
  ].join("\n");
  const a = parseTextPage(page);
  assert.equal(a.title, "Η Βουλή ψήφισε το νομοσχέδιο για την ενέργεια");
  assert.equal(a.paragraphs.length, 2);
  assert.ok(a.paragraphs[0].startsWith("Η Βουλή ψήφισε χθες"), a.paragraphs[0]);
  assert.ok(a.paragraphs[1].endsWith("με τους φορείς."));
  assert.equal(a.meta.published, "2021-05-03T10:15:00");
});

test("English furniture: an advert and a byline glued to the date before the body, share prompts and comment forms after it", () => {
  const page = [
    "Advertisement",
    "Harbour workers end their strike after a deal on pay",
    "Tom BakerTuesday, 4 March 2025",
    "Harbour workers returned to work on Tuesday after union leaders accepted a new offer on pay and working hours from the port authority.",
    "\"We have a fair deal at last,\" the union's chairman told reporters outside the harbour office.",
    "Share this:",
    "Tweet",
    "Leave a Reply",
    "Loading...",
  ].join("\n");
  const a = parseTextPage(page);
  assert.equal(a.title, "Harbour workers end their strike after a deal on pay");
  assert.deepEqual(a.paragraphs.map((p) => p.slice(0, 20)), ["Harbour workers retu", "\"We have a fair deal"]);
  assert.equal(a.related.length, 0);
});

test("an excerpt that starts mid-article has no headline", () => {
  const page = [
    "and the talks went on late into the night, officials on both sides said, without any agreement on the main issues that divide the two parties.",
    "A new round of talks is planned for next week in Geneva, where mediators hope to settle at least the question of prisoners.",
  ].join("\n\n");
  const a = parseTextPage(page);
  assert.equal(a.title, null);
  assert.equal(a.paragraphs.length, 2);
});

test("the headlines right under a related marker are its items, whatever the line classifier called them", () => {
  const page = "Πολιτική | 03.05.2021 10:15\n\nΔιαφωνία για το νέο εκλογικό νόμο\n\nΗ κυβέρνηση κατέθεσε χθες στη Βουλή το νέο νομοσχέδιο για τον εκλογικό νόμο, το οποίο προβλέπει μπόνους εδρών για το πρώτο κόμμα.\n\nΗ αντιπολίτευση αντέδρασε έντονα, κάνοντας λόγο για «αλλοίωση της λαϊκής βούλησης».\n\nΗ ψηφοφορία αναμένεται την επόμενη εβδομάδα.\n\nΔιαβάστε ακόμα\nΤι προβλέπει το νέο νομοσχέδιο\nΟι αντιδράσεις των κομμάτων\n\nΓράψτε σχόλιο\n";
  const a = parseTextPage(page);
  assert.equal(a.relatedMarker, "Διαβάστε ακόμα");
  assert.deepEqual(a.related.map((r) => r.title), ["Τι προβλέπει το νέο νομοσχέδιο", "Οι αντιδράσεις των κομμάτων"]);
});

test("a sentence the classifier left as furniture right after the body closes the body; a share prompt does not", () => {
  const page = "Πολιτική | 03.05.2021 10:15\n\nΔιαφωνία για το νέο εκλογικό νόμο\n\nΣύνταξηΗ κυβέρνηση κατέθεσε χθες στη Βουλή το νέο νομοσχέδιο για τον εκλογικό νόμο, το οποίο προβλέπει μπόνους εδρών για το πρώτο κόμμα.\n\nΗ αντιπολίτευση αντέδρασε έντονα, κάνοντας λόγο για «αλλοίωση της λαϊκής βούλησης».\n\nΦωτογραφία: Eurokinissi\n\nΗ ψηφοφορία αναμένεται την επόμενη εβδομάδα.\n\nΔιαβάστε ακόμα\nΤι προβλέπει το νέο νομοσχέδιο\n\nΑκολουθήστε μας στο Google News\n";
  const a = parseTextPage(page);
  assert.equal(a.paragraphs[a.paragraphs.length - 1], "Η ψηφοφορία αναμένεται την επόμενη εβδομάδα.");
  assert.ok(!a.paragraphs.some((p) => p.startsWith("Ακολουθήστε")));
});
