// The entity layer's record shapes, declared with the document's layers.
export type { Entity, EntityMention, EntityType, MentionRole } from "../../doc/layers.js";
