import { strict as assert } from "node:assert";
import { test } from "node:test";
import { contextFeatures } from "./context.js";

test("a capitalised word gets features from its other occurrences within the window", () => {
  const sentences = [
    ["Ο", "Ριαμπκόφ", "μίλησε"],
    ["Ο", "Ριαμπκόφ", "είπε"],
    ["μακριά"],
    ["Ο", "Ριαμπκόφ", "έφυγε"],
  ];
  const labels = [["O", "U-PER", "O"], ["O", "O", "O"], ["O"], ["O", "U-LOC", "O"]];
  const near = contextFeatures(sentences, labels, 1);
  const wide = contextFeatures(sentences, labels, 3);
  assert.equal(near[0][2].length, 0, "lower-case words get nothing");
  assert.ok(near[1][1].length > 1);
  assert.notDeepEqual([...near[1][1]], [...wide[1][1]], "a wider window sees the LOC occurrence too");
  assert.deepEqual([...near[0][1]], [...contextFeatures(sentences, labels, 1)[0][1]], "deterministic");
  assert.equal(near[3][1].length, 1, "no other occurrence within the window: one 'none' feature");
});
