// The interface languages of the UI: the strings of each in lang/<code>/ui.json
// (lang/schemas/ui.schema.json requires every key in every language), and the
// language of a request: ?ui=<code> (then remembered in the `lang` cookie), the
// cookie, the browser's Accept-Language, else the first language listed.
import { UNDETERMINED, getLang, knownLanguages } from "../../lang/lang.js";

/** The cookie that remembers the interface language, and the query parameter that sets it. */
export const UI_COOKIE = "lang";
export const UI_PARAM = "ui";
/** The table of UI strings in each language folder. */
const UI_TABLE = "ui";
/** The language used when the request names none we have. */
const FALLBACK_UI = "en";
const PLACEHOLDER = /\{(\w+)\}/gu;
/** The variable whose plural category picks a key's singular variant (`<key>.one`). */
const COUNT_VAR = "n";
const SINGULAR_SUFFIX = ".one";
const ACCEPT_ENTRY = /^\s*([a-z]{2,3})(?:-[\w-]+)?\s*(?:;\s*q\s*=\s*([\d.]+))?\s*$/iu;

export type Vars = Record<string, string | number>;

export interface Ui {
  /** The language code of the interface (the <html lang>). */
  code: string;
  /**
   * The string of a key, its {placeholders} filled from `vars` (numbers written
   * the language's way); with a number `n` in the singular, `<key>.one` when the table has it.
   */
  t(key: string, vars?: Vars): string;
  /** A number written the interface language's way. */
  number(n: number): string;
  /** The name of a language code in the interface language. */
  language(code: string): string;
}

export interface UiLanguage {
  code: string;
  /** The language's name in itself (Ελληνικά, English). */
  name: string;
}

const cache = new Map<string, Ui>();

function table(code: string): Record<string, string> | null {
  const t = getLang(code).tables[UI_TABLE];
  return t && typeof t === "object" ? (t as Record<string, string>) : null;
}

/** The languages the interface is written in, in code order. */
export function uiLanguages(): UiLanguage[] {
  return knownLanguages().flatMap((code) => {
    const t = table(code);
    return t ? [{ code, name: t["language.self"] ?? code }] : [];
  });
}

export function ui(code: string): Ui {
  let u = cache.get(code);
  if (u) return u;
  const strings = table(code) ?? table(FALLBACK_UI);
  if (!strings) throw new Error(`no UI strings: lang/${FALLBACK_UI}/${UI_TABLE}.json is missing`);
  const numbers = new Intl.NumberFormat(code);
  const names = new Intl.DisplayNames([code], { type: "language", fallback: "code" });
  const plurals = new Intl.PluralRules(code);
  const t = (key: string, vars: Vars = {}): string => {
    const count = vars[COUNT_VAR];
    const singular = typeof count === "number" && plurals.select(count) === "one" ? strings[`${key}${SINGULAR_SUFFIX}`] : undefined;
    const s = singular ?? strings[key];
    if (s === undefined) throw new Error(`no UI string "${key}" in lang/${code}/${UI_TABLE}.json`);
    return s.replace(PLACEHOLDER, (whole, name: string) => {
      const v = vars[name];
      return v === undefined ? whole : typeof v === "number" ? numbers.format(v) : v;
    });
  };
  u = {
    code,
    t,
    number: (n) => numbers.format(n),
    language: (c) => {
      if (c === UNDETERMINED) return t("language.undetermined");
      try {
        return names.of(c) ?? c;
      } catch {
        return c;
      }
    },
  };
  cache.set(code, u);
  return u;
}

export interface UiRequest {
  /** The ?ui= parameter. */
  param?: string;
  /** The `lang` cookie. */
  cookie?: string;
  acceptLanguage?: string;
}

/** The interface language of a request: the parameter, the cookie, the best of Accept-Language, else the fallback. */
export function chooseUi(req: UiRequest): string {
  const codes = new Set(uiLanguages().map((l) => l.code));
  for (const c of [req.param, req.cookie]) if (c && codes.has(c)) return c;
  const accepted = (req.acceptLanguage ?? "")
    .split(",")
    .map((entry, i) => {
      const m = ACCEPT_ENTRY.exec(entry);
      return m ? { code: m[1].toLowerCase(), q: m[2] === undefined ? 1 : Number(m[2]), i } : null;
    })
    .filter((x): x is { code: string; q: number; i: number } => x !== null && x.q > 0 && codes.has(x.code))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return accepted[0]?.code ?? (codes.has(FALLBACK_UI) ? FALLBACK_UI : [...codes][0] ?? FALLBACK_UI);
}
