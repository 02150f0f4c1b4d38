import { strict as assert } from "node:assert";
import { test } from "node:test";
import { STRUCTURE_STATES, decodeStructure, defaultStructureModel, emptyModel, labelOf, modelFromJson, modelToJson, type StructureState } from "./page-structure.js";

/** A hand-made model: each feature votes for one state. */
function voting(votes: Record<string, StructureState>) {
  const model = emptyModel();
  for (const [feature, state] of Object.entries(votes)) {
    const w = new Array<number>(STRUCTURE_STATES.length).fill(0);
    w[STRUCTURE_STATES.indexOf(state)] = 1;
    model.weights.set(feature, w);
  }
  return model;
}

test("the decoder follows the votes where the grammar allows them", () => {
  const model = voting({ menu: "furniture-before", head: "headline", by: "furniture-after-headline", text: "body", other: "related", foot: "furniture-after" });
  const states = decodeStructure(model, [["menu"], ["head"], ["by"], ["text"], ["text"], ["foot"], ["other"], ["other"]]);
  assert.deepEqual(states, ["furniture-before", "headline", "furniture-after-headline", "body", "body", "furniture-after", "related", "related"]);
  assert.deepEqual(states.map(labelOf), ["furniture", "headline", "furniture", "body", "body", "furniture", "related", "related"]);
});

test("the grammar: one headline at most, before the body, and a page has a body", () => {
  const model = voting({ head: "headline", text: "body", other: "related" });
  const twice = decodeStructure(model, [["head"], ["text"], ["head"]]);
  assert.equal(twice.filter((s) => s === "headline").length, 1);
  assert.equal(twice[0], "headline");
  const noBody = decodeStructure(model, [["other"], ["other"]]);
  assert.ok(noBody.includes("body"));
  assert.ok(!decodeStructure(model, [["text"], ["other"], ["text"]]).includes("headline"));
  assert.deepEqual(decodeStructure(model, []), []);
});

test("the model file keeps the weights it was given", () => {
  const model = voting({ head: "headline", text: "body" });
  model.transitions[0][1] = 0.5;
  const again = modelFromJson(modelToJson(model));
  assert.deepEqual(again.weights.get("head"), model.weights.get("head"));
  assert.equal(again.transitions[0][1], 0.5);
  assert.throws(() => modelFromJson({ ...modelToJson(model), format: "other" }), /format other/u);
});

test("the committed model loads, checked against its manifest", () => {
  const model = defaultStructureModel();
  assert.ok(model.weights.size > 0);
});
