import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../../doc/doc.js";
import { analyzeRaw } from "../../pipeline/analyze.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { analyzeFixture, fixtureText, mentionTexts } from "../fixtures/fixtures.js";

const entities = (doc: Doc) => doc.layers.entities ?? [];
const byId = (doc: Doc, id: string) => entities(doc).find((e) => e.id === id);

test("inflected forms, capitals as governments and nationality words are one country", () => {
  const doc = analyzeFixture(fixtureText("el-ryabkov.txt"), { lang: "el" });
  const russia = mentionTexts(doc, "country:RU");
  assert.ok(russia.includes("Ρωσίας") && russia.includes("Ρωσία") && russia.includes("Μόσχα/capital"));
  assert.ok(russia.includes("ρωσική/nationality"));
  const us = mentionTexts(doc, "country:US");
  assert.deepEqual(us, ["Ηνωμένων Πολιτειών", "Ουάσινγκτον/capital", "ΗΠΑ/acronym"]);
  assert.deepEqual(byId(doc, "country:US")?.names, { el: "Ηνωμένες Πολιτείες", en: "United States" });
  assert.ok(mentionTexts(doc, "country:IR").includes("Τεχεράνη/capital"));
  assert.deepEqual(mentionTexts(doc, "country:GR"), ["Έλληνα/nationality"]);
});

test("a capital after a place cue is the city, not the government", () => {
  const doc = analyzeFixture(fixtureText("el-ryabkov.txt"), { lang: "el" });
  const oslo = byId(doc, "loc:osl");
  assert.equal(oslo?.capitalOf, "NO");
  assert.equal(mentionTexts(doc, "country:NO").length, 0);
  const en = analyzeFixture(fixtureText("en-ryabkov.txt"), { lang: "en" });
  assert.deepEqual(mentionTexts(en, "loc:mosk"), ["Moscow"]);
  const meeting = analyzeFixture("Τίτλος\n\nΗ συνάντηση στη Μόσχα κράτησε ώρες. Η Άγκυρα πουλά όπλα στη Μόσχα.", { lang: "el" });
  const city = (meeting.layers.entities ?? []).find((e) => e.capitalOf === "RU");
  assert.deepEqual(city && mentionTexts(meeting, city.id), ["Μόσχα"], "a meeting in Moscow is in the city");
  assert.deepEqual(mentionTexts(meeting, "country:RU"), ["Μόσχα/capital"], "arms sold to Moscow go to the government");
  assert.ok(mentionTexts(en, "country:RU").includes("Moscow/capital"));
  const reach = analyzeFixture("Τίτλος\n\nΟ πύραυλος φθάνει μέχρι την Αθήνα, είπε. Η Αθήνα απάντησε αμέσως.", { lang: "el" });
  const athens = (reach.layers.entities ?? []).find((e) => e.capitalOf === "GR");
  assert.deepEqual(athens && mentionTexts(reach, athens.id), ["Αθήνα"], "a missile's range reaches the city");
  assert.deepEqual(mentionTexts(reach, "country:GR"), ["Αθήνα/capital"], "the city that answers is the government");
  const range = analyzeFixture("Title\n\nThe missile can reach Moscow, he said. Moscow replied at once.", { lang: "en" });
  assert.deepEqual(mentionTexts(range, "country:RU"), ["Moscow/capital"]);
});

test("a country's name after a minister or a ministry is a portfolio, not the country", () => {
  const doc = analyzeFixture("Τίτλος\n\nΟ υπουργός Γεωργίας Μάκης Μαυρίδης επισκέφθηκε την περιοχή. Το υπουργείο Γεωργίας ανακοίνωσε μέτρα. Η Γεωργία και η Αρμενία υπέγραψαν συμφωνία.", { lang: "el" });
  assert.deepEqual(mentionTexts(doc, "country:GE"), ["Γεωργία"]);
});

test("a lone adjective joins the one organisation it begins; two such organisations keep it apart", () => {
  const tagged = (text: string) => analyzeRaw({ source: "fixture", mediaType: "text/plain", text, hints: { lang: "el" } }, defaultPipeline());
  const fire = tagged("Τίτλος\n\nΣε εξέλιξη βρίσκεται πυρκαγιά κοντά στη Λεμεσό, σύμφωνα με την Πυροσβεστική Υπηρεσία. Η Πυροσβεστική ανέφερε ότι επιχειρούν έξι οχήματα.\n");
  const service = (fire.layers.entities ?? []).find((e) => e.name === "Πυροσβεστική Υπηρεσία");
  assert.deepEqual(service && mentionTexts(fire, service.id), ["Πυροσβεστική Υπηρεσία", "Πυροσβεστική"]);
  const two = tagged("Τίτλος\n\nΗ Εθνική Τράπεζα στήριξε την Εθνική Ομάδα Ποδοσφαίρου. Η Εθνική ανακοίνωσε νέα χορηγία.\n");
  const bank = (two.layers.entities ?? []).find((e) => e.name === "Εθνική Τράπεζα");
  assert.deepEqual(bank && mentionTexts(two, bank.id), ["Εθνική Τράπεζα"]);
});

test("a quoted person is named by the entity's full name in the nominative", () => {
  const doc = analyzeRaw({ source: "fixture", mediaType: "text/plain", text: "Τίτλος\n\nΟ υπουργός συναντήθηκε με τον περιφερειάρχη Σταύρο Αρναουτάκη στο Ηράκλειο.\n\nΟ κ. Αρναουτάκης ζήτησε από την κυβέρνηση να στηρίξει τους δήμους της Κρήτης.\n", hints: { lang: "el" } }, defaultPipeline());
  const quote = doc.layers.quotes?.find((q) => q.text.startsWith("στηρίξει"));
  assert.equal(quote?.speaker?.name, "Σταύρος Αρναουτάκης");
  assert.ok(quote?.speaker?.entityId);
});

test("a person the recogniser finds in title words alone («Ύπατος Αρμοστής») is no person", () => {
  const text = "Τίτλος\n\nΟι συνομιλίες ξεκίνησαν ξανά στη Γενεύη τη Δευτέρα.\n\n«Η κατάσταση είναι κρίσιμη»\n\nΈτσι χαρακτήρισε τη συγκυρία ο Ύπατος Αρμοστής του Ηνωμένου Βασιλείου, μιλώντας στο ΚΥΠΕ.\n";
  const doc = analyzeRaw({ source: "fixture", mediaType: "text/plain", text, hints: { lang: "el" } }, defaultPipeline());
  assert.ok(doc.layers.mentions?.some((m) => m.type === "PER" && m.text === "Ύπατος Αρμοστής"), "the recogniser's mention the rule removes");
  assert.ok(!(doc.layers.entities ?? []).some((e) => e.type === "PER"), JSON.stringify(doc.layers.entities?.map((e) => e.name)));
});

test("a lone surname joins the full name it ends", () => {
  const doc = analyzeFixture(fixtureText("el-ryabkov.txt"), { lang: "el" });
  const ryabkov = byId(doc, "per:serg-riabkof");
  assert.equal(ryabkov?.name, "Σεργκέι Ριαμπκόφ");
  assert.equal(ryabkov?.names.en, "Sergkei Riampkof");
  assert.deepEqual(mentionTexts(doc, "per:serg-riabkof").sort(), ["Σεργκέι Ριαμπκόφ", "Ριαμπκόφ", "Ριαμπκόφ", "Ριαμπκόφ/surname"].sort());
  const en = analyzeFixture(fixtureText("en-ryabkov.txt"), { lang: "en" });
  assert.equal(byId(en, "per:serg-riabkof")?.name, "Sergei Ryabkov", "the same id in both scripts");
});

test("a surname shared by two full names stays apart (a wrong merge is worse than a missed one)", () => {
  const doc = analyzeFixture("Τίτλος\n\nΟ υπουργός Γιάννης Παπαδόπουλος και ο βουλευτής Νίκος Παπαδόπουλος μίλησαν. Ο Παπαδόπουλος έφυγε.", { lang: "el" });
  const people = entities(doc).filter((e) => e.name.endsWith("Παπαδόπουλος"));
  assert.equal(people.length, 3);
  assert.ok(people.every((p) => p.mentions.length === 1));
});

test("an acronym joins the one name whose initials it spells", () => {
  const doc = analyzeFixture(
    "Τίτλος\n\nΟ Διεθνής Οργανισμός Ατομικής Ενέργειας ανακοίνωσε έλεγχο. Σύμφωνα με τον ΔΟΑΕ, οι επιθεωρητές φτάνουν αύριο.",
    { lang: "el" },
  );
  const iaea = entities(doc).find((e) => e.type === "ORG");
  assert.deepEqual(
    iaea?.mentions.map((m) => doc.text.slice(m.start, m.end) + "/" + m.role),
    ["Διεθνής Οργανισμός Ατομικής Ενέργειας/name", "ΔΟΑΕ/acronym"],
  );
});

test("NER mentions are used when the taggers have run", () => {
  const text = "Τίτλος\n\nΗ Ύδρα υποδέχθηκε τον Άλεξ Ρίβερς. Ο Ρίβερς μίλησε για την Ελλάδα.";
  const doc = analyzeFixture(text, {
    lang: "el",
    prepare: (d) => {
      const at = (s: string, type: string, from = 0) => {
        const start = d.text.indexOf(s, from);
        return { start, end: start + s.length, text: s, type };
      };
      d.layers.mentions = [at("Ύδρα", "LOC"), at("Άλεξ Ρίβερς", "PERSON"), at("Ρίβερς", "PERSON", d.text.indexOf("Ο Ρίβερς")), at("Ελλάδα", "LOC")];
    },
  });
  assert.deepEqual(mentionTexts(doc, "per:alek-rifer"), ["Άλεξ Ρίβερς", "Ρίβερς/surname"]);
  assert.deepEqual(mentionTexts(doc, "loc:idr"), ["Ύδρα"]);
  assert.deepEqual(mentionTexts(doc, "country:GR"), ["Ελλάδα"]);
});

test("the speaker of a quotation is resolved to its entity", () => {
  const text = fixtureText("el-ryabkov.txt");
  const doc = analyzeFixture(text, {
    lang: "el",
    prepare: (d) => {
      const start = d.text.indexOf("Οι σχέσεις μας");
      const speaker = { name: "Ριαμπκόφ", description: null, role: null, entityId: null, mention: null };
      d.layers.quotes = [{ kind: "direct", start, end: start + 10, text: "", speaker, cue: null, stance: null, via: null, citing: null }];
    },
  });
  assert.equal(doc.layers.quotes?.[0].speaker?.entityId, "per:serg-riabkof");
});

test("listed organisations are one entity across names, acronyms and scripts; acronyms only in capitals", () => {
  const el = analyzeFixture("Τίτλος\n\nΟ ΟΗΕ ζήτησε εκεχειρία. Τα Ηνωμένα Έθνη και ο Λευκός Οίκος συμφώνησαν, είπε πηγή του Λευκού Οίκου.", { lang: "el" });
  assert.deepEqual(mentionTexts(el, "org:un"), ["ΟΗΕ/acronym", "Ηνωμένα Έθνη"]);
  assert.deepEqual(mentionTexts(el, "org:white_house"), ["Λευκός Οίκος", "Λευκού Οίκου"]);
  assert.deepEqual(byId(el, "org:un")?.names, { el: "Ηνωμένα Έθνη", en: "United Nations" });
  const en = analyzeFixture("Title\n\nWho said the WHO would help? The World Health Organization did.", { lang: "en" });
  assert.deepEqual(mentionTexts(en, "org:who"), ["WHO/acronym", "World Health Organization"]);
});
