// The event component: `doc.layers.events` from the entities, time
// expressions and quotations of the article.
import type { Component } from "../../doc/component.js";
import type { Doc } from "../../doc/doc.js";
import { findEvents } from "./events.js";

export function eventsComponent(): Component {
  return {
    name: "events",
    reads: ["tokens", "sentences", "entities", "timex"],
    readsIfPresent: ["quotes"],
    writes: ["events"],
    run(doc: Doc) {
      doc.layers.events = findEvents(doc);
    },
  };
}
