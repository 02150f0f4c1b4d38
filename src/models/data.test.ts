import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { knownLanguages } from "../lang/lang.js";
import { corporaOf, corpusPath, DATA_ROOT, PACKAGE_ROOT, parseColumns, parseConllu, requireCorpus, SPLITS } from "./data.js";
import { LEMMA_TABLE, UPOS_TABLE } from "./resources.js";

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

test("corpora: read from lang/<code>/corpora.json; a language without the table has none", () => {
  assert.equal(corporaOf("el").pos?.format, "conllu");
  assert.equal(corporaOf("en").pos?.format, "columns");
  assert.equal(corporaOf("en").ner?.documents, true);
  assert.deepEqual(corporaOf("xx"), {});
  assert.throws(() => requireCorpus("xx", "ner"), /no ner corpus for "xx" in lang\/xx\/corpora\.json/u);
});

test("corpora: split paths resolve under the data root", () => {
  const ner = requireCorpus("el", "ner");
  for (const split of SPLITS) assert.equal(corpusPath(ner, split), join(DATA_ROOT, ner[split]));
});

test("corpora: a column POS corpus has its tag set's UPOS map and lemma rules beside it", () => {
  for (const lang of knownLanguages()) {
    if (corporaOf(lang).pos?.format !== "columns") continue;
    for (const table of [UPOS_TABLE, LEMMA_TABLE]) assert.ok(existsSync(join(PACKAGE_ROOT, "lang", lang, table)), `lang/${lang}/${table}`);
  }
});
