// `npm run eval -- entities [--json] [--gold <dir>]`: the entity, time and event
// layers on the hand-checked articles of ../shared/gold. Reports the share of
// gold canonical groups (all surface forms of one entity) that end up in one
// predicted entity, the precision of merges (no predicted entity holding forms
// of two gold entities), surface P/R/F1 by type, and the seed checks: six
// entities, the seven events (type, actor, target) and the time expressions
// resolved against the publication date 2023-09-21. In languages whose names
// decline it also reports the canonical names accepted (see NAMES_DEFINITION).
import { writeFileSync, mkdirSync } from "node:fs";
import type { Doc } from "../doc/doc.js";
import { analyzeRaw } from "../pipeline/analyze.js";
import { defaultPipeline } from "../pipeline/default.js";
import { getLang } from "../lang/lang.js";
import { fold } from "../text/normalize.js";
import { determinersOf } from "../understand/entities/inflection.js";
import { phoneticKey } from "../understand/translit/translit.js";
import { DEFAULT_GOLD_DIR, loadGoldArticles } from "./gold.js";

const RESULTS_DIR = "eval/results";
const RESULTS_FILE = `${RESULTS_DIR}/entities.md`;
const SEED_ID = "seed";
const SEED_PUBLISHED = "2023-09-21";
/** The seed's entities that must each be one entity, by the forms listed in issue 6. */
const SEED_ENTITIES: [string, string[]][] = [
  ["Russia", ["Ρωσίας", "Ρωσία", "Μόσχα"]],
  ["Iran", ["Ιράν", "Τεχεράνη"]],
  ["United States", ["ΗΠΑ", "Ουάσινγκτον"]],
  ["Ukraine", ["Ουκρανία", "Ουκρανίας"]],
  ["Sergei Ryabkov", ["Σεργκέι Ριαμπκόφ", "Ριαμπκόφ"]],
  ["Reza Talaei-Nik", ["Ρεζά Ταλαεΐ- Νικ", "Ταλαεΐ- Νικ"]],
];
const SEED_TIMEX: [string, string][] = [
  ["πέρυσι", "2022"],
  ["τον Φεβρουάριο του 2022", "2022-02"],
  ["τον Αύγουστο του 2022", "2022-08"],
  ["σήμερα", "2023-09-21"],
  ["τον Ιούνιο", "2023-06"],
];
const EVENTS_TO_REACH = 5;
const NATIONALITY_UNIT = "#nationality";
const UPPER_START = /^\p{Lu}/u;
const TYPES = ["PER", "ORG", "LOC", "MISC"];
const NOMINATIVE = "Nom";
const ACRONYM = /^[\p{Lu}\p{N}.&/-]+$/u;
/** Marks that may stand between an article and the name after it. */
const OPENING_MARKS = /^[«“"‘'(]+|[«“"‘'(]+$/gu;
const WORD_BEFORE = /(\S+)\s+$/u;
/** A hyphen with a stray space in a name (a scraping artefact): «Ταλαεΐ- Νικ» is the name Ταλαεΐ-Νικ. */
const STRAY_HYPHEN_SPACE = /(\p{L})-\s+(\p{L})/gu;
const FIRST_LETTER = /^\p{L}/u;
const NAMES_DEFINITION = [
  "A predicted entity that holds a gold surface form (of one gold entity) has its name in the article's language checked, in the",
  "languages whose names decline (those with an article table, lang/<code>/entity-determiners.json). Its name is accepted when,",
  "after NFC, it equals exactly (accents count; the case of the first letter and a stray space after a hyphen do not) a name",
  "the gold gives in the nominative for that entity: the `speaker`",
  "of a gold quotation whose speaker is that entity (the gold's convention: the full name in the nominative; linked by the",
  "phonetic key of a surface form with as many words), a surface form the gold text has right after a nominative-only article",
  "(ο, η, οι), or a form that does not decline (an acronym in capitals, a name in another script, the gold `canonical`). A",
  "name of the language's script is checked only when the gold gives such a nominative in that script; others are counted",
  "as not checkable, and so are countries (named by the country table). Share = accepted / checked.",
];

interface GoldEntity {
  text: string;
  type: string;
  canonical: string;
}

interface GoldEvent {
  type: string;
  actor: string | null;
  target?: string | null;
}

interface GoldQuote {
  speaker: string | null;
}

interface GoldFile {
  id: string;
  lang: string;
  entities: GoldEntity[];
  quotes?: GoldQuote[];
  events?: GoldEvent[];
}

interface Options {
  json: boolean;
  gold: string;
}

function parseArgs(args: string[]): Options {
  const opts: Options = { json: false, gold: DEFAULT_GOLD_DIR };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") opts.json = true;
    else if (a === "--gold") opts.gold = args[++i];
    else throw new Error(`unknown option "${a}" (options: --json, --gold <dir>)`);
  }
  return opts;
}

function analyze(name: string, text: string, lang: string, published?: string): Doc {
  return analyzeRaw({ source: name, mediaType: "text/plain", text, hints: { lang, ...(published ? { published } : {}) } }, defaultPipeline());
}

/** Predicted units: an entity, or the nationality words of a country (kept apart, as the gold keeps Ρώσος apart from Russia). */
function unitsOf(doc: Doc): Map<string, Set<string>> {
  const units = new Map<string, Set<string>>();
  for (const e of doc.layers.entities ?? []) {
    for (const m of e.mentions) {
      const unit = m.role === "nationality" ? e.id + NATIONALITY_UNIT : e.id;
      if (!units.has(unit)) units.set(unit, new Set());
      units.get(unit)!.add(doc.text.slice(m.start, m.end));
    }
  }
  return units;
}

/** Predicted (surface, type) pairs: capitalised nationality words are MISC, lower-case ones no entity. */
function surfacesOf(doc: Doc): Set<string> {
  const out = new Set<string>();
  for (const e of doc.layers.entities ?? []) {
    for (const m of e.mentions) {
      const text = doc.text.slice(m.start, m.end);
      if (m.role === "nationality") {
        if (UPPER_START.test(text)) out.add(`${text}\u0000MISC`);
      } else out.add(`${text}\u0000${e.type}`);
    }
  }
  return out;
}

interface FileScore {
  id: string;
  groups: number;
  multiGroups: number;
  merged: number;
  multiMerged: number;
  units: number;
  pureUnits: number;
  wrongMerges: string[];
  missedGroups: string[];
}

function scoreGroups(id: string, gold: GoldEntity[], units: Map<string, Set<string>>): FileScore {
  const groups = new Map<string, Set<string>>();
  for (const g of gold) {
    const key = fold(g.canonical);
    if (!groups.has(key)) groups.set(key, new Set());
    groups.get(key)!.add(g.text);
  }
  const canonicalOf = new Map<string, string>();
  for (const g of gold) canonicalOf.set(g.text, fold(g.canonical));
  const s: FileScore = { id, groups: groups.size, multiGroups: 0, merged: 0, multiMerged: 0, units: 0, pureUnits: 0, wrongMerges: [], missedGroups: [] };
  for (const [canonical, forms] of groups) {
    const one = [...units.values()].some((u) => [...forms].every((f) => u.has(f)));
    if (forms.size > 1) s.multiGroups++;
    if (one) {
      s.merged++;
      if (forms.size > 1) s.multiMerged++;
    } else s.missedGroups.push(`${canonical}: ${[...forms].join(" · ")}`);
  }
  for (const [unit, forms] of units) {
    const canonicals = new Set([...forms].map((f) => canonicalOf.get(f)).filter((c): c is string => c !== undefined));
    if (!canonicals.size) continue;
    s.units++;
    if (canonicals.size === 1) s.pureUnits++;
    else s.wrongMerges.push(`${unit}: ${[...canonicals].join(" + ")}`);
  }
  return s;
}

interface NameScore {
  id: string;
  checked: number;
  accepted: number;
  unchecked: number;
  rejected: string[];
  notCheckable: string[];
}

/** A name as compared: NFC, the first letter in lower case, hyphens without stray spaces. */
function comparable(name: string): string {
  return name.normalize("NFC").replace(STRAY_HYPHEN_SPACE, "$1-$2").replace(FIRST_LETTER, (c) => c.toLowerCase());
}

/** Does the name decline: written in the language's script and not an acronym? */
function declinable(name: string, script: RegExp): boolean {
  return script.test(name) && !ACRONYM.test(name);
}

/** The names the gold gives in the nominative for each gold entity (by folded canonical), see NAMES_DEFINITION. */
function nominativeNames(gold: GoldFile, text: string, script: RegExp, nominativeArticles: Set<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (canonical: string, name: string) => {
    const key = fold(canonical);
    if (!out.has(key)) out.set(key, new Set());
    out.get(key)!.add(name.normalize("NFC"));
  };
  for (const g of gold.entities) {
    add(g.canonical, g.canonical);
    if (!declinable(g.text, script)) add(g.canonical, g.text);
    for (let at = text.indexOf(g.text); at >= 0; at = text.indexOf(g.text, at + 1)) {
      const before = WORD_BEFORE.exec(text.slice(Math.max(0, at - 40), at))?.[1].replace(OPENING_MARKS, "").toLowerCase();
      if (before && nominativeArticles.has(before)) add(g.canonical, g.text);
    }
  }
  for (const q of gold.quotes ?? []) {
    if (!q.speaker || !script.test(q.speaker)) continue;
    const key = phoneticKey(q.speaker);
    const words = q.speaker.split(/\s+/u).length;
    const of = new Set(gold.entities.filter((g) => g.text.split(/\s+/u).length === words && phoneticKey(g.text) === key).map((g) => fold(g.canonical)));
    if (of.size === 1) add([...of][0], q.speaker);
  }
  return out;
}

function scoreNames(id: string, gold: GoldFile, text: string, doc: Doc): NameScore | null {
  const lang = getLang(gold.lang);
  const nominativeArticles = new Set([...determinersOf(gold.lang)].filter(([, d]) => d.case.length === 1 && d.case[0] === NOMINATIVE).map(([form]) => form));
  if (!nominativeArticles.size || !lang.script) return null;
  const script = new RegExp(`\\p{Script=${lang.script}}`, "u");
  const accepted = nominativeNames(gold, text, script, nominativeArticles);
  const canonicalOf = new Map(gold.entities.map((g) => [g.text, fold(g.canonical)]));
  const s: NameScore = { id, checked: 0, accepted: 0, unchecked: 0, rejected: [], notCheckable: [] };
  for (const e of doc.layers.entities ?? []) {
    const counts = new Map<string, number>();
    for (const m of e.mentions) {
      const c = m.role === "nationality" ? undefined : canonicalOf.get(doc.text.slice(m.start, m.end));
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    if (!counts.size) continue;
    const group = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const name = e.names[gold.lang] ?? e.name;
    const names = [...(accepted.get(group) ?? [])];
    if (e.code) {
      s.unchecked++;
      s.notCheckable.push(`${name} (table)`);
      continue;
    }
    const usable = declinable(name, script) ? names.filter((n) => declinable(n, script)) : names;
    if (!usable.length) {
      s.unchecked++;
      s.notCheckable.push(name);
      continue;
    }
    s.checked++;
    if (usable.some((n) => comparable(n) === comparable(name))) s.accepted++;
    else s.rejected.push(`${name} (gold: ${usable.join(" · ")})`);
  }
  return s;
}

interface Prf {
  tp: number;
  fp: number;
  fn: number;
}

function addSurfaces(byType: Map<string, Prf>, gold: GoldEntity[], predicted: Set<string>): void {
  const goldSet = new Set(gold.map((g) => `${g.text}\u0000${g.type}`));
  const count = (type: string) => byType.get(type) ?? (byType.set(type, { tp: 0, fp: 0, fn: 0 }), byType.get(type)!);
  for (const g of goldSet) count(g.split("\u0000")[1])[predicted.has(g) ? "tp" : "fn"]++;
  for (const p of predicted) if (!goldSet.has(p)) count(p.split("\u0000")[1]).fp++;
}

const ratio = (a: number, b: number) => (b ? a / b : 0);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function prfLine(c: Prf): { precision: number; recall: number; f1: number } {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

interface SeedResult {
  entities: { name: string; forms: string[]; ok: boolean }[];
  events: { gold: string; ok: boolean; predicted: string | null }[];
  eventsMatched: number;
  timex: { text: string; expected: string; got: string | null; ok: boolean }[];
}

function entityName(doc: Doc, id: string | null): string | null {
  if (!id) return null;
  const e = (doc.layers.entities ?? []).find((x) => x.id === id);
  return e ? (e.names["en"] ?? e.name) : id;
}

function seedChecks(doc: Doc, gold: GoldFile): SeedResult {
  const units = unitsOf(doc);
  const entities = SEED_ENTITIES.map(([name, forms]) => ({ name, forms, ok: [...units.values()].some((u) => forms.every((f) => u.has(f))) }));
  const predicted = (doc.layers.events ?? []).map((e) => ({
    type: e.type,
    actor: entityName(doc, e.actor),
    target: entityName(doc, e.target),
  }));
  const same = (a: string | null | undefined, b: string | null | undefined) => fold(a ?? "") === fold(b ?? "");
  const events = (gold.events ?? []).map((g) => {
    const hit = predicted.find((p) => p.type === g.type && same(p.actor, g.actor) && same(p.target, g.target));
    return { gold: `${g.type} ${g.actor} → ${g.target ?? "–"}`, ok: !!hit, predicted: hit ? `${hit.type} ${hit.actor} → ${hit.target ?? "–"}` : null };
  });
  const timexes = doc.layers.timex ?? [];
  const timex = SEED_TIMEX.map(([text, expected]) => {
    const got = timexes.find((t) => t.text === text)?.value ?? null;
    return { text, expected, got, ok: got === expected };
  });
  return { entities, events, eventsMatched: events.filter((e) => e.ok).length, timex };
}

export async function run(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  const articles = loadGoldArticles<GoldFile>(opts.gold);
  const perFile: FileScore[] = [];
  const nameScores: NameScore[] = [];
  const byType = new Map<string, Prf>();
  let seed: SeedResult | null = null;
  for (const { id: name, gold, text } of articles) {
    const isSeed = name === SEED_ID;
    const doc = analyze(name, text, gold.lang, isSeed ? SEED_PUBLISHED : undefined);
    perFile.push(scoreGroups(name, gold.entities, unitsOf(doc)));
    addSurfaces(byType, gold.entities, surfacesOf(doc));
    const names = scoreNames(name, gold, text, doc);
    if (names) nameScores.push(names);
    if (isSeed) seed = seedChecks(doc, gold);
  }
  const sum = (k: keyof FileScore) => perFile.reduce((n, s) => n + (s[k] as number), 0);
  const total = {
    groups: sum("groups"),
    merged: sum("merged"),
    multiGroups: sum("multiGroups"),
    multiMerged: sum("multiMerged"),
    units: sum("units"),
    pureUnits: sum("pureUnits"),
    groupShare: ratio(sum("merged"), sum("groups")),
    multiGroupShare: ratio(sum("multiMerged"), sum("multiGroups")),
    mergePrecision: ratio(sum("pureUnits"), sum("units")),
  };
  const nameSum = (k: "checked" | "accepted" | "unchecked") => nameScores.reduce((n, x) => n + x[k], 0);
  const names = { checked: nameSum("checked"), accepted: nameSum("accepted"), unchecked: nameSum("unchecked"), share: ratio(nameSum("accepted"), nameSum("checked")), definition: NAMES_DEFINITION.join(" ") };
  const micro: Prf = { tp: 0, fp: 0, fn: 0 };
  for (const c of byType.values()) (micro.tp += c.tp), (micro.fp += c.fp), (micro.fn += c.fn);
  const surfaces: Record<string, ReturnType<typeof prfLine>> = Object.fromEntries([...TYPES.map((t) => [t, prfLine(byType.get(t) ?? { tp: 0, fp: 0, fn: 0 })]), ["micro", prfLine(micro)]]);
  const md: string[] = [
    "# Entities, time expressions and events on ../shared/gold",
    "",
    "`npm run eval -- entities`. Mentions come from the NER layer when it runs, else from the fallback of capitalised runs.",
    "A gold canonical group is merged when one predicted entity holds all its surface forms; a predicted entity is pure when the",
    "forms it holds belong to one gold entity (nationality words are scored apart from their country, as the gold keeps them).",
    "",
    "| article | groups | merged | multi-form groups | merged | predicted entities with gold forms | pure |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...perFile.map((s) => `| ${s.id} | ${s.groups} | ${s.merged} | ${s.multiGroups} | ${s.multiMerged} | ${s.units} | ${s.pureUnits} |`),
    `| **all** | ${total.groups} | ${total.merged} (${pct(total.groupShare)}) | ${total.multiGroups} | ${total.multiMerged} (${pct(total.multiGroupShare)}) | ${total.units} | ${total.pureUnits} (${pct(total.mergePrecision)}) |`,
    "",
    `- share of gold canonical groups merged into one entity: **${pct(total.groupShare)}** (${total.merged}/${total.groups}); groups of two or more forms: **${pct(total.multiGroupShare)}** (${total.multiMerged}/${total.multiGroups})`,
    `- merge precision (predicted entities holding forms of one gold entity only): **${pct(total.mergePrecision)}** (${total.pureUnits}/${total.units})`,
    "",
    "Surface forms with type (exact match):",
    "",
    "| type | precision | recall | F1 |",
    "| --- | --- | --- | --- |",
    ...Object.entries(surfaces).map(([t, v]) => `| ${t} | ${pct(v.precision)} | ${pct(v.recall)} | ${pct(v.f1)} |`),
    "",
  ];
  const wrong = perFile.flatMap((s) => s.wrongMerges.map((w) => `${s.id}: ${w}`));
  const missed = perFile.flatMap((s) => s.missedGroups.map((w) => `${s.id}: ${w}`));
  md.push("Wrong merges:", "", ...(wrong.length ? wrong.map((w) => `- ${w}`) : ["- none"]), "", "Groups not merged (or not found):", "", ...missed.map((m) => `- ${m}`), "");
  md.push(
    "## Canonical names accepted",
    "",
    ...NAMES_DEFINITION,
    "",
    `- canonical names accepted: **${pct(names.share)}** (${names.accepted}/${names.checked}); not checkable: ${names.unchecked}`,
    "",
    "| article | checked | accepted | not checkable |",
    "| --- | --- | --- | --- |",
    ...nameScores.map((x) => `| ${x.id} | ${x.checked} | ${x.accepted} | ${x.unchecked} |`),
    "",
    "Names not accepted:",
    "",
    ...(nameScores.some((x) => x.rejected.length) ? nameScores.flatMap((x) => x.rejected.map((r) => `- ${x.id}: ${r}`)) : ["- none"]),
    "",
    "Names not checkable (no nominative in the gold):",
    "",
    ...nameScores.filter((x) => x.notCheckable.length).map((x) => `- ${x.id}: ${x.notCheckable.join(" · ")}`),
    "",
  );
  if (seed) {
    md.push(`## Seed checks (published ${SEED_PUBLISHED})`, "", "| entity | forms | one entity |", "| --- | --- | --- |");
    for (const e of seed.entities) md.push(`| ${e.name} | ${e.forms.join(" · ")} | ${e.ok ? "yes" : "**no**"} |`);
    md.push("", `Events with the right type, actor and target: **${seed.eventsMatched} of ${seed.events.length}** (to reach: ${EVENTS_TO_REACH})`, "");
    for (const e of seed.events) md.push(`- ${e.ok ? "✓" : "✗"} ${e.gold}`);
    md.push("", "| time expression | expected | got |", "| --- | --- | --- |");
    for (const t of seed.timex) md.push(`| ${t.text} | ${t.expected} | ${t.ok ? t.got : `**${t.got ?? "none"}**`} |`);
    md.push("");
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(RESULTS_FILE, md.join("\n"));
  if (opts.json) console.log(JSON.stringify({ total: { ...total, names }, surfaces, perFile, names: nameScores, seed }));
  else {
    console.log(md.join("\n"));
    console.log(`written to ${RESULTS_FILE}`);
  }
  const seedOk = !seed || (seed.entities.every((e) => e.ok) && seed.eventsMatched >= EVENTS_TO_REACH && seed.timex.every((t) => t.ok));
  return seedOk ? 0 : 1;
}
