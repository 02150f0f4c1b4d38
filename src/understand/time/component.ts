// The time component: `doc.layers.timex`, resolved against `doc.meta.published`.
import type { Component } from "../../doc/component.js";
import type { Doc } from "../../doc/doc.js";
import { findTimex } from "./timex.js";

export function timexComponent(): Component {
  return {
    name: "timex",
    reads: ["tokens"],
    writes: ["timex"],
    run(doc: Doc) {
      doc.layers.timex = findTimex(doc);
    },
  };
}
