// The pipeline: an ordered list of components (doc/component.ts), each
// declaring what it reads, writes and updates. Building a pipeline checks the
// order: every field read or updated is written by an earlier component (or,
// when read only if present, by no later one), and no component reads a layer
// whose fields a later component updates. A run may be held to a token limit
// and a time budget, checked after each component.
import { BUILT_FIELDS, type Component, type DocField } from "../doc/component.js";
import type { Doc } from "../doc/doc.js";
import { checkBudget, checkTokens, type AnalysisLimits } from "./limits.js";

export type { Component } from "../doc/component.js";

/** Token columns are fields of their own: an update to one is not an update of the tokens. */
const TOKEN_COLUMN_PREFIX = "tokens.";

/** The limits a run checks after each component; `started` is when the document's analysis began (performance.now()). */
export interface RunLimits extends Partial<Pick<AnalysisLimits, "maxTokens" | "timeBudgetMs">> {
  started?: number;
}

export class PipelineError extends Error {
  override name = "PipelineError";
}

/** The field an update path changes: its layer ("quotes" for "quotes.speaker.entityId"), or a token column itself. */
function updatedField(path: string): string {
  return path.startsWith(TOKEN_COLUMN_PREFIX) ? path : path.slice(0, path.indexOf("."));
}

function readsOf(c: Component): readonly string[] {
  return [...c.reads, ...(c.readsIfPresent ?? [])];
}

function checkOrder(components: readonly Component[]): void {
  const have = new Set<string>(BUILT_FIELDS);
  components.forEach((c, i) => {
    const later = components.slice(i + 1);
    const laterWriter = (field: string) => (have.has(field) ? undefined : later.find((w) => w.writes.some((x) => x === field)));
    for (const need of c.reads) {
      if (!have.has(need)) throw new PipelineError(`component "${c.name}" requires layer "${need}", which no earlier component provides`);
    }
    for (const path of c.updates ?? []) {
      const w = laterWriter(updatedField(path));
      if (w) throw new PipelineError(`component "${c.name}" updates "${path}", but the later component "${w.name}" writes "${updatedField(path)}"; run "${w.name}" first`);
    }
    for (const field of c.readsIfPresent ?? []) {
      const w = laterWriter(field);
      if (w) throw new PipelineError(`component "${c.name}" reads layer "${field}", which the later component "${w.name}" writes; run "${w.name}" first`);
    }
    for (const field of readsOf(c)) {
      for (const u of later) {
        const path = (u.updates ?? []).find((p) => updatedField(p) === field);
        if (path) throw new PipelineError(`component "${c.name}" reads "${field}" before component "${u.name}" updates "${path}"; run "${u.name}" first`);
      }
    }
    for (const w of c.writes) have.add(w);
  });
}

export class Pipeline {
  readonly components: readonly Component[];

  constructor(components: Component[]) {
    checkOrder(components);
    this.components = components;
  }

  get writes(): DocField[] {
    return [...new Set(this.components.flatMap((c) => c.writes))];
  }

  run(doc: Doc, limits: RunLimits = {}): Doc {
    const started = limits.started ?? performance.now();
    for (const c of this.components) {
      c.run(doc);
      if (limits.maxTokens !== undefined) checkTokens(doc.layers.tokens.length, limits.maxTokens);
      if (limits.timeBudgetMs !== undefined) checkBudget(started, limits.timeBudgetMs, `component "${c.name}"`);
    }
    return doc;
  }
}
