import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../../doc/doc.js";
import { analyzeFixture, fixtureText } from "../fixtures/fixtures.js";

const events = (doc: Doc) => doc.layers.events ?? [];
const find = (doc: Doc, type: string, trigger: string) => events(doc).find((e) => e.type === type && e.trigger.text === trigger);

test("Greek: transfer with quantity and time, denial, sanctions against, cooperation by genitive or subject", () => {
  const doc = analyzeFixture(fixtureText("el-ryabkov.txt"), { lang: "el", published: "2023-09-21" });
  const sent = find(doc, "TRANSFER", "έστειλε");
  assert.deepEqual(
    sent && [sent.subtype, sent.actor, sent.target, sent.quantity, sent.time, sent.polarity, sent.modality],
    ["arms", "country:IR", "country:RU", "εκατοντάδες drones", "2023-W37", "positive", "asserted"],
  );
  const deny = find(doc, "DENY", "αρνείται");
  assert.deepEqual(deny && [deny.actor, deny.target, deny.assertedBy.entityId], ["country:IR", null, "country:IR"]);
  const supplied = find(doc, "TRANSFER", "προμηθεύει");
  assert.deepEqual(supplied && [supplied.actor, supplied.target, supplied.modality], ["country:IR", null, "denied"]);
  const sanctions = find(doc, "COERCE", "κυρώσεις");
  assert.deepEqual(sanctions && [sanctions.subtype, sanctions.actor, sanctions.target, sanctions.time], ["sanctions", "country:US", "country:IR", "2023-05"]);
  const cooperation = events(doc).find((e) => e.type === "COOPERATE" && e.subtype === "military");
  assert.deepEqual(cooperation && [cooperation.actor, cooperation.target, cooperation.modality], ["country:RU", "country:IR", "future"]);
});

test("Greek: a noun's actor from a nationality adjective, the target by its preposition", () => {
  const doc = analyzeFixture("Τίτλος\n\nΗ τουρκική εισβολή στην Κύπρο έγινε το 1974. Η Άγκυρα πιέζει τη Λευκωσία να δεχθεί.", { lang: "el" });
  const invasion = find(doc, "INVADE", "εισβολή");
  assert.deepEqual(invasion && [invasion.actor, invasion.target, invasion.time], ["country:TR", "country:CY", "1974"]);
  const pressure = find(doc, "COERCE", "πιέζει");
  assert.deepEqual(pressure && [pressure.actor, pressure.target], ["country:TR", "country:CY"]);
});

test("English: possessive actor, passive-free subject, quantity with 'of', denial governs the clause", () => {
  const doc = analyzeFixture(fixtureText("en-ryabkov.txt"), { lang: "en", published: "2023-09-21" });
  const cooperation = find(doc, "COOPERATE", "cooperation");
  assert.deepEqual(cooperation && [cooperation.actor, cooperation.target], ["country:RU", "country:IR"]);
  const sending = find(doc, "TRANSFER", "sending");
  assert.deepEqual(sending && [sending.actor, sending.target, sending.quantity, sending.time], ["country:IR", "country:RU", "hundreds of drones", "2022"]);
  const supplying = find(doc, "TRANSFER", "supplying");
  assert.equal(supplying?.modality, "denied");
  const sanctions = find(doc, "COERCE", "sanctions");
  assert.deepEqual(sanctions && [sanctions.actor, sanctions.target, sanctions.time], ["country:US", "country:IR", "2023-W37"]);
});

test("negation, future and who asserts: the quotation's speaker, else the article", () => {
  const text = "Τίτλος\n\nΗ Αθήνα δεν θα στείλει όπλα στο Κίεβο, είπε ο υπουργός. Οι ΗΠΑ θα στηρίξουν την Ουκρανία.";
  const doc = analyzeFixture(text, {
    lang: "el",
    prepare: (d) => {
      const start = d.text.indexOf("Η Αθήνα");
      d.layers.quotes = [{ kind: "indirect", start, end: d.text.indexOf(", είπε"), text: "", speaker: { name: "Γιώργος Νικολάου", description: null, role: null, entityId: null, mention: null }, cue: null, stance: null, via: "ΑΠΕ", citing: null }];
    },
  });
  const send = find(doc, "TRANSFER", "στείλει");
  assert.deepEqual(send && [send.actor, send.target, send.polarity, send.modality], ["country:GR", "country:UA", "negative", "future"]);
  assert.deepEqual(send?.assertedBy, { by: "speaker", name: "Γιώργος Νικολάου", entityId: null, via: "ΑΠΕ" });
  const aid = find(doc, "AID", "στηρίξουν");
  assert.deepEqual(aid && [aid.actor, aid.target, aid.modality, aid.assertedBy.by], ["country:US", "country:UA", "future", "article"]);
});

test("a quotation of a resolved speaker is a statement; a speech verb that is a trigger is not repeated as one", () => {
  const text = "Τίτλος\n\n«Θα συνεχίσουμε», είπε ο Σεργκέι Ριαμπκόφ. Ο Ριαμπκόφ αρνείται ότι υπάρχει πρόβλημα.";
  const doc = analyzeFixture(text, {
    lang: "el",
    prepare: (d) => {
      const speaker = (name: string) => ({ name, description: null, role: null, entityId: null, mention: null });
      const a = d.text.indexOf("Θα συνεχίσουμε");
      const b = d.text.indexOf("υπάρχει πρόβλημα");
      d.layers.quotes = [
        { kind: "direct", start: a, end: a + 14, text: "Θα συνεχίσουμε", speaker: speaker("Σεργκέι Ριαμπκόφ"), cue: "είπε", stance: { type: "say", polarity: "positive" }, via: null, citing: null },
        { kind: "indirect", start: b, end: b + 16, text: "υπάρχει πρόβλημα", speaker: speaker("Σεργκέι Ριαμπκόφ"), cue: "αρνείται", stance: { type: "deny", polarity: "positive" }, via: null, citing: null },
      ];
    },
  });
  const statements = events(doc).filter((e) => e.type === "STATEMENT");
  assert.deepEqual(statements.map((e) => [e.actor, e.subtype, e.trigger.text]), [["per:serg-riabkof", "say", "είπε"]]);
  assert.equal(find(doc, "DENY", "αρνείται")?.actor, "per:serg-riabkof");
});
