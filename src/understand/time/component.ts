// The time component: `doc.layers.timex`, resolved against `doc.meta.published`
// (POS tags, when present, tell how far a clause's future reaches).
import type { Component } from "../../doc/component.js";
import type { Doc } from "../../doc/doc.js";
import { findTimex } from "./timex.js";

export function timexComponent(): Component {
  return {
    name: "timex",
    reads: ["tokens"],
    readsIfPresent: ["tokens.pos"],
    writes: ["timex"],
    run(doc: Doc) {
      doc.layers.timex = findTimex(doc);
    },
  };
}
