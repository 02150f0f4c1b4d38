// How an entity link's explanation is kept in the links table: the usual
// explanation of its rule (the same key, the country's code, no stored name
// matching), which its local id and rule give back, is stored as '' and
// written again when read; one made from a template below is stored as the
// template's mark and the words put into it (a lone surname's explanation took
// about 75 bytes a link, 160 of an article's at 10,000 generated articles); any
// other is kept as given; a link's rule is stored as one letter. Both back
// ends make their explanations here, so the stored and the rewritten ones agree.
import type { LinkRule } from "./store.js";

/** A template's words in place of its slots ({0}, {1} …). */
const fill = (template: string, words: readonly (string | number)[]): string => template.replace(/\{(\d)\}/gu, (_, i: string) => String(words[Number(i)]));

const SAME_KEY = "same key {0}";
const SURNAME_OF = "«{0}» is the surname of «{1}», the only stored person with it";
const SHARED_SURNAME = "surname shared by {0} stored people";
/** A key link's explanation with why the surname is not a person's: its slots the local id and the number of people. */
const SAME_KEY_SHARED = `${SAME_KEY} (${SHARED_SURNAME.replace("{0}", "{1}")})`;

/** The explanation of a link made by an entity's key. */
export const sameKey = (localId: string): string => fill(SAME_KEY, [localId]);
/** The explanation of a link made by a country's ISO 3166 code. */
export const isoCode = (code: string): string => `ISO 3166 code ${code}`;
/** The explanation of a new registry entity no stored name matched. */
export const NO_MATCH = "no stored name matches";
/** The explanation of an entity kept to its article (not a proper name). */
export const NOT_A_PROPER_NAME = "not a proper name: kept to its article";
/** The explanation of a lone surname no stored person's name ends with. */
export const NO_PERSON = "no stored person has this name";
/** The explanation of a lone surname linked to the one stored person whose name ends with it. */
export const surnameOf = (name: string, person: string): string => fill(SURNAME_OF, [name, person]);
/** Why a lone surname is not linked to a person: several stored people have it. */
export const sharedSurname = (people: number): string => fill(SHARED_SURNAME, [people]);
/** The explanation of a link to the stored entity of a lone surname that several stored people have. */
export const sameKeyShared = (localId: string, people: number): string => fill(SAME_KEY_SHARED, [localId, people]);
/** The explanation of a new registry entity that its rule did not link. */
export const firstSeen = (why: string): string => `first seen (${why})`;

/** What a local id stands for after its type prefix (`country:GR` → GR). */
const afterPrefix = (localId: string): string => localId.slice(localId.indexOf(":") + 1);

/** The explanation each rule's link usually has, from the article's local id of the entity. */
const USUAL: Partial<Record<LinkRule, (localId: string) => string>> = {
  key: sameKey,
  code: (localId) => isoCode(afterPrefix(localId)),
  new: () => NO_MATCH,
};

/** A template's words are stored after its mark, separated by this (the unit separator: no name holds it; PostgreSQL's text takes no NUL). */
const WORD_SEPARATOR = "\u001f";
/** Stored before the stored form of the explanation that `firstSeen` wraps. */
const FIRST_SEEN_MARK = "\u0006";
const FIRST_SEEN = /^first seen \((.*)\)$/su;

/** The templates of explanations, by the mark they are stored under (a control character, which no explanation starts with). */
const TEMPLATES: Readonly<Record<string, string>> = {
  "\u0001": NOT_A_PROPER_NAME,
  "\u0002": SURNAME_OF,
  "\u0003": SHARED_SURNAME,
  "\u0004": NO_PERSON,
  "\u0005": SAME_KEY_SHARED,
};

/** Each template's mark, template and pattern (its slots matched in order). */
const PATTERNS: [string, string, RegExp][] = Object.entries(TEMPLATES).map(([mark, template]) => [
  mark,
  template,
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/gu, "\\$&").replace(/\{\d\}/gu, "(.*?)")}$`, "su"),
]);

/** The stored form of an explanation that is not its rule's usual one. */
function storedForm(detail: string): string {
  const wrapped = FIRST_SEEN.exec(detail);
  if (wrapped && firstSeen(wrapped[1]) === detail) return FIRST_SEEN_MARK + storedForm(wrapped[1]);
  for (const [mark, template, pattern] of PATTERNS) {
    const words = pattern.exec(detail)?.slice(1);
    if (words && fill(template, words) === detail) return mark + words.join(WORD_SEPARATOR);
  }
  return detail;
}

/** The explanation of a stored form (one kept as given is itself). */
function fromStoredForm(stored: string): string {
  if (stored.startsWith(FIRST_SEEN_MARK)) return firstSeen(fromStoredForm(stored.slice(FIRST_SEEN_MARK.length)));
  const template = TEMPLATES[stored[0]];
  return template === undefined ? stored : fill(template, stored.slice(1).split(WORD_SEPARATOR));
}

/** A link's rule as stored: one letter (rules stored before as their names are read as such). */
const RULE_CODES: Readonly<Record<LinkRule, string>> = { key: "k", code: "c", new: "n", surname: "s", alias: "a" };
const RULE_OF_CODE = new Map(Object.entries(RULE_CODES).map(([rule, code]) => [code, rule as LinkRule]));

/** The rule as stored. */
export const storedRule = (rule: LinkRule): string => RULE_CODES[rule];

/** The rule of a stored link. */
const linkRule = (stored: string): LinkRule => RULE_OF_CODE.get(stored) ?? (stored as LinkRule);

/** The explanation as stored: '' when it is the usual one of its rule, a template's mark and words when one makes it. */
export function storedDetail(rule: LinkRule, localId: string, detail: string): string {
  return USUAL[rule]?.(localId) === detail ? "" : storedForm(detail);
}

/** The explanation of a stored link. */
export function linkDetail(rule: LinkRule, localId: string, stored: string): string {
  return stored === "" ? (USUAL[rule]?.(localId) ?? "") : fromStoredForm(stored);
}

/** A link row as read: its rule and explanation as they were made. */
export function readLink<T extends { rule: string; localId: string; detail: string }>(row: T): T & { rule: LinkRule } {
  const rule = linkRule(row.rule);
  return { ...row, rule, detail: linkDetail(rule, row.localId, row.detail) };
}
