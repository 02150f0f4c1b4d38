import { strict as assert } from "node:assert";
import { test } from "node:test";
import { RuleLemmatizer, type LemmaRuleTable } from "./rule-lemmatizer.js";

const TABLE: LemmaRuleTable = {
  irregular: { went: "go", children: "child" },
  rules: {
    VBD: [["ied", "y"], ["ed", ""], ["ed", "e"]],
    NNS: [["ies", "y"], ["s", ""]],
  },
  keepCase: ["NNP"],
  minStem: 2,
};

test("irregular forms come from the table", () => {
  const lem = new RuleLemmatizer(TABLE);
  assert.equal(lem.lemmatize("went", "VBD"), "go");
  assert.equal(lem.lemmatize("Children", "NNS"), "child");
});

test("the vocabulary chooses among rule candidates, else the first applies", () => {
  const lem = new RuleLemmatizer(TABLE, ["close", "visit"]);
  assert.equal(lem.lemmatize("closed", "VBD"), "close");
  assert.equal(lem.lemmatize("visited", "VBD"), "visit");
  assert.equal(lem.lemmatize("walked", "VBD"), "walk");
  assert.equal(lem.lemmatize("carried", "VBD"), "carry");
  assert.equal(lem.lemmatize("cities", "NNS"), "city");
});

test("proper nouns keep their capitals, other words are lower-cased", () => {
  const lem = new RuleLemmatizer(TABLE);
  assert.equal(lem.lemmatize("Geneva", "NNP"), "Geneva");
  assert.equal(lem.lemmatize("Talks", "NNS"), "talk");
  assert.equal(lem.lemmatize("is", "NNS"), "is", "no rule may leave a stem shorter than minStem");
});
