import { strict as assert } from "node:assert";
import { test } from "node:test";
import { phoneticKey, toLatin } from "./translit.js";

test("ELOT 743 letters and digraphs", () => {
  assert.equal(toLatin("Θεσσαλονίκη"), "Thessaloniki");
  assert.equal(toLatin("Μπακού"), "Mpakou");
  assert.equal(toLatin("Ευάγγελος"), "Evangelos");
  assert.equal(toLatin("Αυτοκράτορας"), "Aftokratoras");
  assert.equal(toLatin("Ψυχή"), "Psychi");
  assert.equal(toLatin("ΗΠΑ"), "IPA");
});

test("a diaeresis breaks a digraph: ϊ ϋ ΐ ΰ", () => {
  assert.equal(toLatin("Ταΰγετος"), "Taygetos");
  assert.equal(toLatin("Ευρωπαϊκή"), "Evropaiki");
  assert.equal(toLatin("προϋπολογισμός"), "proypologismos");
  assert.equal(toLatin("Ταλαεΐ"), "Talaei");
});

test("accented capitals transliterate: Ά Έ Ή Ί Ό Ύ Ώ", () => {
  assert.equal(toLatin("Άγκυρα Έβρος Ήπειρος Ίμβρος Όσλο Ύδρα Ώρα"), "Agkyra Evros Ipeiros Imvros Oslo Ydra Ora");
});

test("the phonetic key meets Greek and Latin spellings of one name", () => {
  assert.equal(phoneticKey("Ριαμπκόφ"), phoneticKey("Ryabkov"));
  assert.equal(phoneticKey("Σεργκέι Ριαμπκόφ"), phoneticKey("Sergei Ryabkov"));
  assert.equal(phoneticKey("Ταλαεΐ- Νικ"), phoneticKey("Talaei-Nik"));
  assert.equal(phoneticKey("Ουάσινγκτον"), phoneticKey("Washington"));
  assert.equal(phoneticKey("Μητσοτάκη"), phoneticKey("Mitsotakis"));
  assert.equal(phoneticKey("Γκατίλοφ"), phoneticKey("Gatilov"));
});

test("the phonetic key keeps different names apart", () => {
  assert.notEqual(phoneticKey("Ιράν"), phoneticKey("Ιράκ"));
  assert.notEqual(phoneticKey("Ryabkov"), phoneticKey("Lavrov"));
  assert.notEqual(phoneticKey("Σεργκέι Ριαμπκόφ"), phoneticKey("Σεργκέι Λαβρόφ"));
});
