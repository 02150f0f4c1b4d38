// The event component: `doc.layers.events` from the entities, time
// expressions and quotations of the article.
import type { Doc } from "../../doc/doc.js";
import type { Component } from "../../pipeline/pipeline.js";
import { findEvents } from "./events.js";

export function eventsComponent(): Component {
  return {
    name: "events",
    requires: ["sentences", "entities", "timex"],
    provides: ["events"],
    run(doc: Doc) {
      doc.layers.events = findEvents(doc);
    },
  };
}
