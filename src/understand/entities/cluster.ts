// Groups an article's candidate mentions into entities. Countries, their
// capitals read as governments and their nationality words group by ISO code;
// a capital read as the place is an entity of its own. Other names group by
// their word keys (inflection stripped: Ρωσίας = Ρωσία, υπουργείου = υπουργείο)
// and then by phonetic key; a lone surname joins the one full name it ends
// (Ριαμπκόφ → Σεργκέι Ριαμπκόφ), an acronym the one name whose initials it
// spells (ΔΟΑΕ ↔ Διεθνής Οργανισμός Ατομικής Ενέργειας), a lone adjective the
// one organisation it begins (Πυροσβεστική → Πυροσβεστική Υπηρεσία). Ambiguity keeps
// mentions apart: a wrong merge is worse than a missed one.
import { TokenKind, tokenAt, type Doc } from "../../doc/doc.js";
import { allLangs, knownLanguages } from "../../lang/lang.js";
import { fold, foldWord } from "../../text/normalize.js";
import { needsTransliteration, phoneticKey, toLatin } from "../translit/translit.js";
import { canonicalName } from "./canonical.js";
import { gazetteer, wordKey } from "./gazetteer.js";
import { entityId } from "./id.js";
import { coreWords, findCandidates, type Candidate } from "./mentions.js";
import type { Entity, EntityMention, EntityType, MentionRole } from "./types.js";

const ACRONYM = /^[\p{Lu}\p{N}.&]{2,}$/u;
const LOWER_START = /^\p{Ll}/u;
const UPPER_START = /^\p{Lu}/u;
const ADJECTIVE = "ADJ";
/** A hyphenated name written with a stray space: «Ταλαεΐ- Νικ» is named Ταλαεΐ-Νικ. */
const STRAY_HYPHEN_SPACE = /(\p{L})-\s+(\p{L})/gu;
/** Types a fallback MISC name may turn out to be, in order of preference. */
const TYPED = ["PER", "ORG", "LOC"] as const;
/**
 * The pivot language of canonical names: every entity has a name in it (a
 * transliteration until the registry meets the name written in it), so names
 * meet across scripts. Names are also given in every language with data.
 */
const PIVOT_NAME_LANG = "en";
const NAME_LANGS = knownLanguages();
/** The language whose script a name is written in (Greek letters → el), for each non-Latin script with data. */
const LANG_OF_SCRIPT: [RegExp, string][] = allLangs()
  .filter((l) => l.script && l.script !== "Latin")
  .map((l) => [new RegExp(`\\p{Script=${l.script}}`, "u"), l.code]);

function langOfScript(name: string): string | undefined {
  return LANG_OF_SCRIPT.find(([re]) => re.test(name))?.[1];
}

interface Group {
  type: EntityType;
  code: string | null;
  /** The code of a listed organisation (entity-organisations.json). */
  organisation?: string;
  capitalOf?: string;
  members: { cand: Candidate; role: MentionRole }[];
}

function keyOf(words: string[], lang: string): string {
  return coreWords(words, lang).map(wordKey).join(" ");
}

function initials(words: string[], lang: string): string {
  const skip = gazetteer().wordsFor(lang).acronymSkip;
  return words
    .filter((w) => !skip.has(fold(w)))
    .map((w) => fold(w)[0] ?? "")
    .join("");
}

/**
 * The words of a mention in their dictionary form where the taggers gave a
 * lemma that only changes the ending (Κυριάκο Μητσοτάκη → Κυριάκος Μητσοτάκης),
 * as written otherwise. The words of a person's name agree in case, so when the
 * first one is already in its dictionary form the name is too: a surname that
 * looks genitive (Γιώργος Παπανικολάου) is then invariant, not inflected.
 */
function lemmaWords(doc: Doc, cand: Candidate): string[] {
  const t = doc.layers.tokens;
  const words: { text: string; lemma: string | null }[] = [];
  for (let i = cand.first; i < cand.last; i++) {
    const k = t.kind[i];
    if (k !== TokenKind.Word && k !== TokenKind.Abbreviation) continue;
    const word = tokenAt(doc, i);
    const lemma = word.lemma;
    const keeps = lemma && UPPER_START.test(lemma) && UPPER_START.test(word.text) && phoneticKey(lemma) === phoneticKey(word.text);
    words.push({ text: word.text, lemma: keeps ? lemma : null });
  }
  const nominative = cand.type === "PER" && words.length > 1 && (words[0].lemma === null || words[0].lemma === words[0].text);
  return words.map((w) => (nominative ? w.text : (w.lemma ?? w.text)));
}

/**
 * The best name of a group: in a language whose names decline, the nominative
 * of its names (canonical.ts); else the longest name (in words) among its name
 * mentions, first seen, in its dictionary form.
 */
function bestName(doc: Doc, g: Group): string {
  const lang = doc.lang;
  const names = g.members.filter((m) => m.role === "name" || m.role === "capital");
  const pool = names.length ? names : g.members;
  const declined = canonicalName(doc, pool.map((m) => m.cand), g.type);
  if (declined) return declined;
  let best = pool[0].cand;
  for (const { cand } of pool) if (coreWords(cand.words, lang).length > coreWords(best.words, lang).length) best = cand;
  return (coreWords(lemmaWords(doc, best), lang).join(" ") || best.text).replace(STRAY_HYPHEN_SPACE, "$1-$2");
}

function isGlobalName(name: string, lang: string): boolean {
  const w = gazetteer().wordsFor(lang);
  return name.split(/\s+/u).every((word) => w.connectors.has(foldWord(word)) || !LOWER_START.test(word));
}

/** The names a table gives in each name language, leaving out the languages it has none for. */
function namesIn(nameIn: (lang: string) => string | null): Entity["names"] {
  const names: Entity["names"] = {};
  for (const l of NAME_LANGS) {
    const name = nameIn(l);
    if (name !== null) names[l] = name;
  }
  return names;
}

function toEntity(doc: Doc, g: Group): Entity {
  const lang = doc.lang;
  const gz = gazetteer();
  const mentions: EntityMention[] = g.members
    .map(({ cand, role }) => ({ start: cand.start, end: cand.end, role }))
    .sort((a, b) => a.start - b.start);
  if (g.code) {
    const code = g.code;
    const names = namesIn((l) => gz.countryName(code, l));
    const name = gz.countryName(code, lang) ?? names[PIVOT_NAME_LANG] ?? code;
    return { id: `country:${code}`, type: "LOC", name, names, code, key: code.toLowerCase(), global: true, mentions };
  }
  if (g.organisation) {
    const organisation = g.organisation;
    const names = namesIn((l) => gz.organisationName(organisation, l));
    const name = gz.organisationName(organisation, lang) ?? names[PIVOT_NAME_LANG] ?? bestName(doc, g);
    return { id: `org:${organisation.toLowerCase()}`, type: "ORG", name, names, code: null, key: organisation.toLowerCase(), global: true, mentions };
  }
  const name = bestName(doc, g);
  const key = phoneticKey(name);
  // A name in a transliterated script (Greek) is the name in that script's language and, in Latin letters, the pivot one until the registry meets it written so.
  const scriptLang = needsTransliteration(name) ? langOfScript(name) : undefined;
  const names: Entity["names"] = scriptLang ? { [scriptLang]: name, [PIVOT_NAME_LANG]: toLatin(name) } : { [PIVOT_NAME_LANG]: name };
  const entity: Entity = {
    id: entityId(g.type, key, fold(name)),
    type: g.type,
    name,
    names,
    code: null,
    key,
    global: isGlobalName(name, lang),
    mentions,
  };
  if (scriptLang) entity.transliterated = [PIVOT_NAME_LANG];
  if (g.capitalOf) entity.capitalOf = g.capitalOf;
  return entity;
}

/** Group the candidates of a document into entities. */
export function clusterEntities(doc: Doc, cands: Candidate[] = findCandidates(doc)): Entity[] {
  const lang = doc.lang;
  const groups: Group[] = [];
  const byCode = new Map<string, Group>();
  const byKey = new Map<string, Group>();
  const rest: Candidate[] = [];
  for (const cand of cands) {
    if (cand.code && !cand.cityReading) {
      const organisation = cand.place === "organisation";
      const codeKey = `${organisation ? "org" : "country"}:${cand.code}`;
      let g = byCode.get(codeKey);
      if (!g) {
        g = organisation ? { type: "ORG", code: null, organisation: cand.code, members: [] } : { type: "LOC", code: cand.code, members: [] };
        byCode.set(codeKey, g);
        groups.push(g);
      }
      const role: MentionRole = cand.place === "demonym" ? "nationality" : cand.place === "capital" ? "capital" : ACRONYM.test(cand.text) ? "acronym" : "name";
      g.members.push({ cand, role });
    } else rest.push(cand);
  }
  // Full names first, so that lone surnames and acronyms find them; typed names before untyped ones.
  const untyped = (c: Candidate) => (c.type === "MISC" ? 1 : 0);
  const order = [...rest].sort((a, b) => coreWords(b.words, lang).length - coreWords(a.words, lang).length || untyped(a) - untyped(b) || a.start - b.start);
  const multi: Group[] = [];
  for (const cand of order) {
    const words = coreWords(cand.words, lang);
    if (!words.length) continue;
    const key = `${cand.cityReading ? "city" : cand.type}|${keyOf(words, lang)}`;
    let g = byKey.get(key);
    // An untyped fallback name joins the typed group with the same words («Trump» after «President Trump»).
    if (!g && cand.type === "MISC" && !cand.fromNer) g = TYPED.map((t) => byKey.get(`${t}|${keyOf(words, lang)}`)).find((x) => x !== undefined);
    if (!g && words.length === 1) {
      const k = wordKey(words[0]);
      const ph = phoneticKey(words[0]);
      const surnameOf = multi.filter((m) => m.type === "PER" && (cand.type === "PER" || cand.type === "MISC") && lastWordMatches(m, k, ph, lang));
      const acronymOf = ACRONYM.test(words[0]) ? multi.filter((m) => m.type !== "PER" && acronymMatches(m, fold(words[0].replace(/\./g, "")), lang)) : [];
      // «η Πυροσβεστική» of «Πυροσβεστική Υπηρεσία»: an adjective standing for the name it begins
      const begunBy = cand.type !== "PER" && !surnameOf.length && !acronymOf.length && adjectiveIn(doc, cand, words[0]) ? multi.filter((m) => m.type === "ORG" && firstWordMatches(m, k, lang)) : [];
      const found = surnameOf.length === 1 ? surnameOf : acronymOf.length === 1 ? acronymOf : begunBy.length === 1 ? begunBy : [];
      if (found.length === 1) {
        found[0].members.push({ cand, role: surnameOf.length === 1 ? "surname" : acronymOf.length === 1 ? "acronym" : "name" });
        byKey.set(key, found[0]);
        continue;
      }
    }
    if (!g && words.length > 1 && cand.type === "PER") {
      // A shorter form of a longer full name: «Tayyip Erdogan» of «Recep Tayyip Erdogan».
      const keys = words.map(wordKey);
      const longer = multi.filter((m) => m.type === "PER" && endsWithWords(m, keys, lang));
      if (longer.length === 1) {
        longer[0].members.push({ cand, role: "name" });
        byKey.set(key, longer[0]);
        continue;
      }
    }
    if (!g) {
      g = { type: cand.type, code: null, members: [] };
      if (cand.cityReading && cand.code) {
        g.type = "LOC";
        g.capitalOf = cand.code;
      }
      byKey.set(key, g);
      groups.push(g);
      if (words.length > 1) multi.push(g);
    }
    g.members.push({ cand, role: "name" });
  }
  // Groups whose names share a phonetic key are one entity (inflected forms the stemmer missed).
  const byId = new Map<string, Entity>();
  for (const e of groups.map((g) => toEntity(doc, g))) {
    const same = byId.get(e.id);
    if (same) same.mentions = [...same.mentions, ...e.mentions].sort((a, b) => a.start - b.start);
    else byId.set(e.id, e);
  }
  return [...byId.values()].sort((a, b) => a.mentions[0].start - b.mentions[0].start);
}

function lastWordMatches(g: Group, key: string, phonetic: string, lang: string): boolean {
  return g.members.some(({ cand }) => {
    const words = coreWords(cand.words, lang);
    if (words.length < 2) return false;
    const last = words[words.length - 1];
    return wordKey(last) === key || phoneticKey(last) === phonetic;
  });
}

function firstWordMatches(g: Group, key: string, lang: string): boolean {
  return g.members.some(({ cand }) => {
    const words = coreWords(cand.words, lang);
    return words.length >= 2 && wordKey(words[0]) === key;
  });
}

/** Is the candidate's word (written `word`) an adjective to the tagger? False without the tagger. */
function adjectiveIn(doc: Doc, cand: Candidate, word: string): boolean {
  const t = doc.layers.tokens;
  for (let i = cand.first; i < cand.last; i++) if (doc.text.slice(t.start[i], t.end[i]) === word) return tokenAt(doc, i).pos === ADJECTIVE;
  return false;
}

function endsWithWords(g: Group, keys: string[], lang: string): boolean {
  return g.members.some(({ cand }) => {
    const words = coreWords(cand.words, lang).map(wordKey);
    return words.length > keys.length && keys.every((k, i) => words[words.length - keys.length + i] === k);
  });
}

function acronymMatches(g: Group, acronym: string, lang: string): boolean {
  return g.members.some(({ cand }) => {
    const words = coreWords(cand.words, lang);
    return words.length >= 2 && initials(words, lang) === acronym;
  });
}
