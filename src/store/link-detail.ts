// How an entity link's explanation is kept in the links table: the usual
// explanation of its rule (the same key, the country's code, no stored name
// matching), which its local id and rule give back, is stored as '' and
// written again when read; any other is kept as given. About a kilobyte per
// article that the table no longer holds once per link. Both back ends make
// their explanations here, so the stored and the rewritten ones agree.
import type { LinkRule } from "./store.js";

/** The explanation of a link made by an entity's key. */
export const sameKey = (localId: string): string => `same key ${localId}`;
/** The explanation of a link made by a country's ISO 3166 code. */
export const isoCode = (code: string): string => `ISO 3166 code ${code}`;
/** The explanation of a new registry entity no stored name matched. */
export const NO_MATCH = "no stored name matches";

/** What a local id stands for after its type prefix (`country:GR` → GR). */
const afterPrefix = (localId: string): string => localId.slice(localId.indexOf(":") + 1);

/** The explanation each rule's link usually has, from the article's local id of the entity. */
const USUAL: Partial<Record<LinkRule, (localId: string) => string>> = {
  key: sameKey,
  code: (localId) => isoCode(afterPrefix(localId)),
  new: () => NO_MATCH,
};

/** The explanation as stored: '' when it is the usual one of its rule. */
export function storedDetail(rule: LinkRule, localId: string, detail: string): string {
  return USUAL[rule]?.(localId) === detail ? "" : detail;
}

/** The explanation of a stored link. */
export function linkDetail(rule: LinkRule, localId: string, stored: string): string {
  return stored === "" ? (USUAL[rule]?.(localId) ?? "") : stored;
}
