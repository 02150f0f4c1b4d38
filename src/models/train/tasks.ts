// The training tasks, derived from the languages' corpora (lang/<code>/corpora.json):
// ner-<code> for each language with a NER corpus, pos-<code> for each with a POS
// corpus (its trainer chosen by the corpus's format). A new language with corpora
// gets its tasks without a code change. `structure` (the line classifier of
// plain-text pages, models/train/structure.ts) belongs to no language.
import { knownLanguages } from "../../lang/lang.js";
import { CORPUS_TASKS, corporaOf, type CorpusTask } from "../data.js";
import { trainNer } from "./ner.js";
import { trainPos } from "./pos.js";
import { trainStructureTask } from "./structure.js";

/** The task that depends on no language's corpora. */
const STRUCTURE_TASK = "structure";

export interface TaskArgs {
  epochs?: number;
  pruneBelow?: number;
  seeds?: number;
}

export type Trainer = (args: TaskArgs) => void;

/** The trainer of each kind of task, given the language. */
const TRAINERS: Record<CorpusTask, (lang: string, args: TaskArgs) => void> = {
  ner: trainNer,
  pos: trainPos,
};

/** `<task>-<code>` for every task with a corpus in some language, task by task, in language order. */
export function trainingTasks(languages: readonly string[] = knownLanguages()): Map<string, Trainer> {
  const tasks = new Map<string, Trainer>();
  for (const task of CORPUS_TASKS) {
    for (const lang of languages) {
      if (corporaOf(lang)[task]) tasks.set(`${task}-${lang}`, (args) => TRAINERS[task](lang, args));
    }
  }
  tasks.set(STRUCTURE_TASK, trainStructureTask);
  return tasks;
}
