// Dates as written in pages and metadata, normalised to ISO 8601: the time zone
// is kept when the source gives one ("2024-10-15T18:48:00+03:00"), a time without
// zone stays local ("2024-10-15T18:48:00"), a bare day is "2024-10-15". Reads
// ISO and RFC forms, day-month-year and month-day-year with month names from
// lang/*/dates.json (every case and written form), numeric d/m/y or m/d/y by
// the page language, and dates in URL paths.
import { fold } from "../../text/normalize.js";
import type { ExtractLangData, NumericOrder } from "./langdata.js";

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
const URL_DATE = /\/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)/;
const URL_DATE_SPLIT = /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])\//;
/** Time zone abbreviations seen on news pages, as UTC offsets. */
const ZONE_OFFSETS: Record<string, string> = {
  z: "Z", gmt: "Z", utc: "Z", est: "-05:00", edt: "-04:00", cst: "-06:00", cdt: "-05:00", mst: "-07:00",
  mdt: "-06:00", pst: "-08:00", pdt: "-07:00", bst: "+01:00", cet: "+01:00", cest: "+02:00", eet: "+02:00",
  eest: "+03:00", ist: "+05:30",
};
/** A time after a date, in folded text (final sigma is σ): "18:48", "at 8:57 a.m. EST", "στις 9:05 μ.μ.". */
const TIME = String.raw`(?:[\s,|–—-]|(?<!\p{L})(?:at|on|στισ|και|ωρα)(?!\p{L}))*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|π\.?μ\.?|μ\.?μ\.?)?(?:\s*\(?(gmt|utc|z|[a-z]{3,4}|[+-]\d{2}:?\d{2})\)?)?`;

export interface DateReader {
  /** First date written in a text, as ISO 8601, or null. */
  inText(text: string): string | null;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function zoneOffset(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const z = raw.toLowerCase();
  if (ZONE_OFFSETS[z]) return ZONE_OFFSETS[z];
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return undefined;
  const off = `${m[1]}${m[2]}:${m[3] ?? "00"}`;
  return off === "+00:00" || off === "-00:00" ? "Z" : off;
}

function format(y: number, m: number, d: number, h?: number, min?: number, s?: number, zone?: string): string | null {
  if (!validDay(y, m, d)) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (h === undefined || min === undefined) return day;
  if (h > 23 || min > 59 || (s ?? 0) > 59) return day;
  return `${day}T${pad(h)}:${pad(min)}:${pad(s ?? 0)}${zone ?? ""}`;
}

/** An ISO 8601 (or "YYYY-MM-DD hh:mm") value, normalised; null when it is not one. */
export function normalizeIsoDate(value: string): string | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, z] = m;
  return format(+y, +mo, +d, h === undefined ? undefined : +h, mi === undefined ? undefined : +mi, s === undefined ? undefined : +s, zoneOffset(z));
}

/** A date in the URL path (/2019/11/19/, /2019-11-19-, /20191119/), or null. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = URL_DATE_SPLIT.exec(path) ?? URL_DATE.exec(path);
  return m ? format(+m[1], +m[2], +m[3]) : null;
}

function monthPattern(months: Map<string, number>): string {
  const names = [...months.keys()].sort((a, b) => b.length - a.length);
  return names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}

const readers = new WeakMap<ExtractLangData, Map<NumericOrder, DateReader>>();

/** Reads dates in text for pages of a language (its tag decides d/m/y against m/d/y). */
export function dateReader(lang: ExtractLangData, langTag?: string): DateReader {
  const order = numericOrderFor(lang, langTag);
  let byOrder = readers.get(lang);
  if (!byOrder) readers.set(lang, (byOrder = new Map()));
  let reader = byOrder.get(order);
  if (!reader) byOrder.set(order, (reader = makeReader(lang, order)));
  return reader;
}

function makeReader(lang: ExtractLangData, order: NumericOrder): DateReader {
  const month = monthPattern(lang.months);
  const dmy = new RegExp(String.raw`(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th|η|\.)?\s*(?:of\s+)?(${month})\.?,?\s+(\d{4})(?:${TIME})?`, "u");
  const mdy = new RegExp(String.raw`(?<![\p{L}\d])(${month})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:${TIME})?`, "u");
  const numeric = new RegExp(String.raw`(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/])(?:${TIME})?`, "u");
  const iso = new RegExp(String.raw`(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?(?!\d)`, "iu");
  const withTime = (y: number, m: number, d: number, t: (string | undefined)[]): string | null => {
    const [h, mi, s, ampm, zone] = t;
    if (h === undefined || mi === undefined) return format(y, m, d);
    let hour = +h;
    const mark = ampm ? ampm.replace(/\./g, "") : "";
    if (mark && (lang.pm.has(mark) || mark === "pm") && hour < 12) hour += 12;
    if (mark && (lang.am.has(mark) || mark === "am") && hour === 12) hour = 0;
    return format(y, m, d, hour, +mi, s === undefined ? undefined : +s, zoneOffset(zone));
  };
  return {
    inText(text) {
      const t = fold(text);
      const found: { at: number; iso: string }[] = [];
      const a = dmy.exec(t);
      if (a) {
        const v = withTime(+a[3], lang.months.get(a[2]) ?? 0, +a[1], a.slice(4));
        if (v) found.push({ at: a.index, iso: v });
      }
      const b = mdy.exec(t);
      if (b) {
        const v = withTime(+b[3], lang.months.get(b[1]) ?? 0, +b[2], b.slice(4));
        if (v) found.push({ at: b.index, iso: v });
      }
      const c = numeric.exec(t);
      if (c) {
        let [d, m] = order === "dmy" ? [+c[1], +c[3]] : [+c[3], +c[1]];
        if (m > 12 && d <= 12) [d, m] = [m, d];
        const v = withTime(+c[4], m, d, c.slice(5));
        if (v) found.push({ at: c.index, iso: v });
      }
      const e = iso.exec(t);
      if (e) {
        const v = format(+e[1], +e[2], +e[3], e[4] === undefined ? undefined : +e[4], e[5] === undefined ? undefined : +e[5], e[6] === undefined ? undefined : +e[6], zoneOffset(e[7]));
        if (v) found.push({ at: e.index, iso: v });
      }
      if (found.length === 0) return null;
      found.sort((x, y) => x.at - y.at);
      return found[0].iso;
    },
  };
}

function numericOrderFor(lang: ExtractLangData, langTag?: string): NumericOrder {
  const [code, region] = (langTag ?? "").split(/[-_]/);
  const table = lang.numericOrder.get((code ?? "").toLowerCase());
  if (!table) return "dmy";
  return table[(region ?? "").toUpperCase()] ?? table.default ?? "dmy";
}
