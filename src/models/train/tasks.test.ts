import { strict as assert } from "node:assert";
import { test } from "node:test";
import { trainingTasks } from "./tasks.js";

test("training tasks: one per corpus of each language, NER tasks first, then the page structure", () => {
  assert.deepEqual([...trainingTasks().keys()], ["ner-el", "ner-en", "pos-el", "pos-en", "structure"]);
  assert.deepEqual([...trainingTasks(["en"]).keys()], ["ner-en", "pos-en", "structure"]);
  assert.deepEqual([...trainingTasks(["xx"]).keys()], ["structure"]);
});
