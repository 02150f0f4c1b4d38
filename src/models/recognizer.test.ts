import { strict as assert } from "node:assert";
import { test } from "node:test";
import { mapLabelType } from "./recognizer.js";
import { keepTypes } from "./train/ner.js";

const TYPES = { GPE: "LOC", LOC: "LOC", NORP: "MISC", PERSON: "PERSON" };

test("fine labels are read as the corpus's types, position kept", () => {
  assert.deepEqual(
    ["O", "B-GPE", "L-GPE", "U-NORP", "U-PERSON", "U-DATE"].map((l) => mapLabelType(l, TYPES)),
    ["O", "B-LOC", "L-LOC", "U-MISC", "U-PERSON", "U-DATE"],
  );
});

test("fine types outside the map are learned as outside", () => {
  assert.deepEqual(keepTypes(["B-DATE", "L-DATE", "U-GPE", "O", "B-NORP", "L-NORP"], TYPES), ["O", "O", "U-GPE", "O", "B-NORP", "L-NORP"]);
});
