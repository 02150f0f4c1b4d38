import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseColumns, parseConllu } from "./data.js";

const CONLLU = [
  "# text = Πήγε στη Λεμεσό.",
  "1\tΠήγε\tπηγαίνω\tVERB\t_\tPerson=3\t0\troot\t_\t_",
  "2-3\tστη\t_\t_\t_\t_\t_\t_\t_\t_",
  "2\tσ\tσε\tADP\t_\t_\t4\tcase\t_\t_",
  "3\tη\tο\tDET\t_\tCase=Acc|Gender=Fem\t4\tdet\t_\t_",
  "4\tΛεμεσό\tΛεμεσός\tPROPN\t_\tCase=Acc|Gender=Fem\t1\tobl\t_\tSpaceAfter=No",
  "5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_",
  "",
].join("\n");

test("CoNLL-U: a contraction is one surface token with joined tags", () => {
  const [sent] = parseConllu(CONLLU);
  assert.deepEqual(sent.map((t) => t.form), ["Πήγε", "στη", "Λεμεσό", "."]);
  assert.equal(sent[1].upos, "ADP+DET");
  assert.equal(sent[1].lemma, "σε+ο");
  assert.equal(sent[1].feats, "Case=Acc|Gender=Fem");
  assert.equal(sent[1].parts?.length, 2);
  assert.equal(sent[2].lemma, "Λεμεσός");
});

test("column files: word and label columns, blank lines between sentences", () => {
  const text = "Ο O\nΡιαμπκόφ B-PERSON\n\nΗ NNP B-NP O\nΜόσχα NNP I-NP B-LOC\n";
  const sents = parseColumns(text);
  assert.equal(sents.length, 2);
  assert.deepEqual(sents[0].labels, ["O", "B-PERSON"]);
  assert.deepEqual(sents[1].labels, ["O", "B-LOC"]);
  assert.deepEqual(parseColumns(text, { label: 1 })[1].labels, ["NNP", "NNP"]);
});
