// The entity component: groups the article's mentions into `doc.layers.entities`
// and resolves the speaker of each quotation (`doc.layers.quotes`) to an entity.
import type { Doc, Span } from "../../doc/doc.js";
import type { Component } from "../../pipeline/pipeline.js";
import { phoneticKey } from "../translit/translit.js";
import { clusterEntities } from "./cluster.js";
import type { Entity } from "./types.js";

/** The part of a quotation this layer reads and fills. */
export interface QuoteSpeakerView {
  start: number;
  end: number;
  speaker: { name?: string | null; entityId?: string | null; mention?: Span | string | null } | null;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The entity a named speaker is: the one with a mention written like the name
 * (by phonetic key; for a person also the surname alone or the name after a
 * title), else the one person with a mention inside the speaker's mention. A
 * speaker known only by a description gets none.
 */
export function speakerEntity(doc: Doc, entities: Entity[], speaker: NonNullable<QuoteSpeakerView["speaker"]>): Entity | null {
  if (!speaker.name) return null;
  const key = phoneticKey(speaker.name);
  const written = (e: Entity) => e.mentions.some((m) => m.role !== "nationality" && phoneticKey(doc.text.slice(m.start, m.end)) === key);
  const person = (e: Entity) => e.type === "PER" && (e.key.endsWith(` ${key}`) || key.endsWith(` ${e.key}`));
  const byName = entities.filter((e) => e.key === key || written(e) || person(e));
  if (byName.length === 1) return byName[0];
  const m = speaker.mention;
  if (!m || typeof m !== "object") return null;
  const inside = entities.filter((e) => e.type === "PER" && e.mentions.some((x) => overlaps(x, m)));
  return inside.length === 1 ? inside[0] : null;
}

export function entitiesComponent(): Component {
  return {
    name: "entities",
    requires: ["tokens", "sentences"],
    provides: ["entities"],
    run(doc: Doc) {
      const entities = clusterEntities(doc);
      doc.layers.entities = entities;
      const quotes = doc.layers.quotes as QuoteSpeakerView[] | undefined;
      for (const q of quotes ?? []) {
        if (!q.speaker || q.speaker.entityId) continue;
        const e = speakerEntity(doc, entities, q.speaker);
        if (e) q.speaker.entityId = e.id;
      }
    },
  };
}
