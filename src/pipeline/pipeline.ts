// The pipeline: an ordered list of components, each declaring the layers it
// requires and the layers it provides. Building a pipeline checks that every
// requirement is met by an earlier component and names the one that is missing.
import type { Doc } from "../doc/doc.js";

/** Layers every document has before any component runs (set by the builder). */
export const BUILT_LAYERS = ["text", "paragraphs", "related", "meta"] as const;

export interface Component {
  name: string;
  requires: string[];
  provides: string[];
  run(doc: Doc): void;
}

export class PipelineError extends Error {
  override name = "PipelineError";
}

export class Pipeline {
  readonly components: readonly Component[];

  constructor(components: Component[]) {
    const have = new Set<string>(BUILT_LAYERS);
    for (const c of components) {
      for (const need of c.requires) {
        if (!have.has(need)) {
          throw new PipelineError(`component "${c.name}" requires layer "${need}", which no earlier component provides`);
        }
      }
      for (const p of c.provides) have.add(p);
    }
    this.components = components;
  }

  get provides(): string[] {
    return [...new Set(this.components.flatMap((c) => c.provides))];
  }

  run(doc: Doc): Doc {
    for (const c of this.components) c.run(doc);
    return doc;
  }
}
