import { strict as assert } from "node:assert";
import { test } from "node:test";
import { searchKey } from "./stem.js";

test("inflected Greek forms share a search key", () => {
  assert.equal(searchKey("Ρωσίας"), searchKey("ρωσια"));
  assert.equal(searchKey("ΡΩΣΙΑ"), searchKey("Ρωσία"));
  assert.equal(searchKey("στρατιωτική"), searchKey("στρατιωτικής"));
  assert.equal(searchKey("συνεργασία"), searchKey("συνεργασίας"));
  assert.equal(searchKey("Κύπρος"), searchKey("Κύπρου"));
});

test("English plurals meet their singulars", () => {
  assert.equal(searchKey("drones"), searchKey("drone"));
  assert.equal(searchKey("countries"), searchKey("country"));
  assert.equal(searchKey("Sanctions"), searchKey("sanction"));
});

test("short words are not stripped to nothing", () => {
  assert.equal(searchKey("ΗΠΑ"), "ηπα");
  assert.equal(searchKey("is"), "is");
});

test("unrelated words keep different keys", () => {
  assert.notEqual(searchKey("Ιράν"), searchKey("Ιράκ"));
  assert.notEqual(searchKey("drone"), searchKey("drive"));
});

test("a hyphenated word's parts are keyed each, with or without a stray space after the hyphen", () => {
  assert.equal(searchKey("Ταλαεΐ- Νικ"), `${searchKey("Ταλαεΐ")}-${searchKey("Νικ")}`);
  assert.equal(searchKey("Ταλαεΐ-Νικ"), searchKey("Ταλαεΐ- Νικ"));
  assert.equal(searchKey("ΤΑΛΑΕΪ - ΝΙΚ"), searchKey("Ταλαεΐ-Νικ"));
  assert.equal(searchKey("drones-strikes"), `${searchKey("drones")}-${searchKey("strikes")}`);
});
