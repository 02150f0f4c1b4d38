import assert from "node:assert/strict";
import { test } from "node:test";
import { analyzeRaw } from "../pipeline/analyze.js";
import { Pipeline } from "../pipeline/pipeline.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../text/components.js";
import { BANDS, SIGNATURE_SIZE, bandValues, compareFingerprints, fingerprint, signatureBytes, signatureFromBytes } from "./fingerprint.js";
import { PORT_COPY, PORT_STORY, storyFixtureText } from "./fixtures/fixtures.js";

const pipeline = new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
const fp = (text: string) => fingerprint(analyzeRaw({ source: "t", mediaType: "text/plain", text, hints: {} }, pipeline));
const sharesBand = (a: Uint32Array, b: Uint32Array) => bandValues(a).some((v, i) => bandValues(b)[i] === v);

const [elA, en, elB] = PORT_STORY.map(storyFixtureText);

test("a word-for-word body is an exact copy, whatever its headline, case and accents", () => {
  const lines = elA.split("\n");
  const retitled = ["ΑΛΛΟΣ ΤΙΤΛΟΣ ΓΙΑ ΤΟ ΙΔΙΟ ΚΕΙΜΕΝΟ", ...lines.slice(1)].join("\n");
  const m = compareFingerprints(fp(elA), fp(retitled));
  assert.deepEqual(m, { similarity: 1, containment: 1, exact: true });
});

test("a syndicated copy with another headline, a credit line and a footer (left out as furniture) is word for word the body", () => {
  assert.deepEqual(compareFingerprints(fp(elA), fp(storyFixtureText(PORT_COPY))), { similarity: 1, containment: 1, exact: true });
});

test("a copy with a paragraph of its own added is a near copy, found through a shared band", () => {
  const a = fp(elA);
  const added = fp(`${storyFixtureText(PORT_COPY)}\n\nΣτην τελετή παρευρέθηκαν επίσης εκπρόσωποι των λιμενικών αρχών και των ναυτιλιακών εταιρειών των δύο χωρών.`);
  assert.ok(sharesBand(a.signature, added.signature));
  const m = compareFingerprints(a, added);
  assert.ok(m && !m.exact && m.similarity >= 0.6 && m.containment >= 0.9, JSON.stringify(m));
});

test("a copy with its last paragraph trimmed is a copy by containment", () => {
  const paragraphs = en.split("\n\n");
  const trimmed = paragraphs.slice(0, -1).join("\n\n");
  const m = compareFingerprints(fp(en), fp(trimmed));
  assert.ok(m && m.containment >= 0.9, JSON.stringify(m));
});

test("another outlet's report of the same event is not a copy (Greek and English)", () => {
  assert.equal(compareFingerprints(fp(elA), fp(elB)), null);
  assert.equal(compareFingerprints(fp(elA), fp(en)), null);
});

test("accented capitals, diaeresis and final sigma fold: the same words in capitals make the same shingles", () => {
  const lower = "Τίτλος\n\nΗ Ελλάδα και η Αίγυπτος υπέγραψαν συμφωνία για το λιμάνι, είπε ο Σούκρι σε προϊόντα και πρωτεΐνες της χώρας τους σήμερα το πρωί.";
  const upper = "Τίτλος\n\nΗ ΕΛΛΆΔΑ ΚΑΙ Η ΑΊΓΥΠΤΟΣ ΥΠΈΓΡΑΨΑΝ ΣΥΜΦΩΝΊΑ ΓΙΑ ΤΟ ΛΙΜΆΝΙ, ΕΊΠΕ Ο ΣΟΎΚΡΙ ΣΕ ΠΡΟΪΌΝΤΑ ΚΑΙ ΠΡΩΤΕΐΝΕΣ ΤΗΣ ΧΏΡΑΣ ΤΟΥΣ ΣΉΜΕΡΑ ΤΟ ΠΡΩΊ.";
  assert.deepEqual(compareFingerprints(fp(lower), fp(upper)), { similarity: 1, containment: 1, exact: true });
});

test("short bodies are copies only word for word", () => {
  const a = fp("Τίτλος\n\nΣυμφωνία για το λιμάνι σήμερα.");
  const b = fp("Τίτλος\n\nΣυμφωνία για το λιμάνι χθες.");
  assert.equal(compareFingerprints(a, b), null);
});

test("signatures survive storing as bytes; there is one band value per band", () => {
  const a = fp(elA);
  assert.equal(a.signature.length, SIGNATURE_SIZE);
  assert.deepEqual(signatureFromBytes(signatureBytes(a.signature)), a.signature);
  assert.equal(bandValues(a.signature).length, BANDS);
});
