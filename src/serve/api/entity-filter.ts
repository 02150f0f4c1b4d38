// Entity filters of the API (entity, speaker, graph around): a registry id, or
// a name in any script or inflection, which stands for every registry entity it
// may mean (up to MAX_CANDIDATES, most mentioned first).
import type { Store } from "../../store/store.js";

const REGISTRY_ID = /^\d{1,15}$/u;
const MAX_CANDIDATES = 50;

export interface EntityFilter {
  ids: number[];
  /** The name, when no entity matches it. */
  unresolved?: string;
}

export async function resolveEntityFilter(store: Store, value: string | undefined): Promise<EntityFilter | undefined> {
  if (value === undefined) return undefined;
  if (REGISTRY_ID.test(value)) return { ids: [Number(value)] };
  const ids = (await store.findEntities(value, { limit: MAX_CANDIDATES })).map((e) => e.id);
  return ids.length ? { ids } : { ids, unresolved: value };
}
