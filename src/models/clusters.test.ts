import { strict as assert } from "node:assert";
import { test } from "node:test";
import { CAPS_LABEL, clusterMap, learnClusters } from "./clusters.js";

// Cities follow «στη», weekdays follow «την», in otherwise identical sentences.
const CITIES = ["Λεμεσό", "Λάρνακα", "Πάφο", "Αθήνα"];
const DAYS = ["Δευτέρα", "Τρίτη", "Τετάρτη", "Πέμπτη"];
function corpus(): string[][] {
  const out: string[][] = [];
  for (let r = 0; r < 5; r++) {
    for (const c of CITIES) out.push(["ο", "υπουργός", "πήγε", "στη", c, "χθες"]);
    for (const d of DAYS) out.push(["ο", "υπουργός", "μίλησε", "την", d, "το", "πρωί"]);
  }
  return out;
}

test("words used in the same contexts share clusters, others do not", () => {
  const data = learnClusters(corpus(), { minCount: 2, contextWords: 20, dims: 16, coarse: 2, splits: [2], iterations: 5 });
  const coarse = (w: string) => data.words[w.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")][0];
  const city = coarse("Λεμεσό");
  for (const c of CITIES) assert.equal(coarse(c), city, c);
  const day = coarse("Δευτέρα");
  for (const d of DAYS) assert.equal(coarse(d), day, d);
  assert.notEqual(city, day);
});

test("the capitalisation bucket tells names from common words", () => {
  const data = learnClusters(corpus(), { minCount: 2, contextWords: 20, dims: 16, coarse: 2, splits: [2], iterations: 3 });
  const labels = clusterMap(data);
  const caps = (w: string) => labels.get(w)!.find((l) => l.startsWith(`${CAPS_LABEL}:`));
  assert.notEqual(caps("λεμεσο"), caps("υπουργοσ"));
  assert.equal(labels.get("λεμεσο")!.length, data.labels.length);
});
