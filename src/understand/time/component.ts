// The time component: `doc.layers.timex`, resolved against `doc.meta.published`.
import type { Doc } from "../../doc/doc.js";
import type { Component } from "../../pipeline/pipeline.js";
import { findTimex } from "./timex.js";

export function timexComponent(): Component {
  return {
    name: "timex",
    requires: ["tokens"],
    provides: ["timex"],
    run(doc: Doc) {
      doc.layers.timex = findTimex(doc);
    },
  };
}
