// The entity component: groups the article's mentions into `doc.layers.entities`
// and resolves the speaker of each quotation (`doc.layers.quotes`) to an entity.
import type { Component } from "../../doc/component.js";
import { overlaps, type Doc } from "../../doc/doc.js";
import type { Entity, QuoteSpeaker } from "../../doc/layers.js";
import { phoneticKey } from "../translit/translit.js";
import { clusterEntities } from "./cluster.js";

/**
 * The entity a named speaker is: the one with a mention written like the name
 * (by phonetic key; for a person also the surname alone or the name after a
 * title), else the one person with a mention inside the speaker's mention. A
 * speaker known only by a description gets none.
 */
export function speakerEntity(doc: Doc, entities: Entity[], speaker: QuoteSpeaker): Entity | null {
  if (!speaker.name) return null;
  const key = phoneticKey(speaker.name);
  const written = (e: Entity) => e.mentions.some((m) => m.role !== "nationality" && phoneticKey(doc.text.slice(m.start, m.end)) === key);
  const person = (e: Entity) => e.type === "PER" && (e.key.endsWith(` ${key}`) || key.endsWith(` ${e.key}`));
  const byName = entities.filter((e) => e.key === key || written(e) || person(e));
  if (byName.length === 1) return byName[0];
  const m = speaker.mention;
  if (!m) return null;
  const inside = entities.filter((e) => e.type === "PER" && e.mentions.some((x) => overlaps(x, m)));
  return inside.length === 1 ? inside[0] : null;
}

export function entitiesComponent(): Component {
  return {
    name: "entities",
    reads: ["tokens", "sentences"],
    readsIfPresent: ["mentions", "tokens.pos", "tokens.lemma", "tokens.feats", "quotes"],
    writes: ["entities"],
    updates: ["quotes.speaker.entityId", "quotes.speaker.name"],
    run(doc: Doc) {
      const entities = clusterEntities(doc);
      doc.layers.entities = entities;
      for (const q of doc.layers.quotes ?? []) {
        if (!q.speaker || q.speaker.entityId) continue;
        const e = speakerEntity(doc, entities, q.speaker);
        if (!e) continue;
        q.speaker.entityId = e.id;
        // A person is named by the entity's full name in the nominative («ο κ. Αρναουτάκης» → Σταύρος Αρναουτάκης)
        if (e.type === "PER") q.speaker.name = e.names[doc.lang] ?? q.speaker.name;
      }
    },
  };
}
