// URL canonicalisation, applied before a URL is fetched or stored, so that one
// article has one address: scheme and host in lower case (IDN as punycode, no
// trailing dot), default ports dropped, dot segments resolved, percent-escapes
// of unreserved characters decoded and the others in upper case, tracking
// parameters (the table below) removed, the query sorted by name, the fragment
// dropped. A page's own canonical link (an AMP page naming its article, a
// mobile page naming the desktop one) is taken when it stays on the same site
// and does not point a deeper page at the site's front page.

/** Query parameters that only track a visit (exact names, lower case). */
const TRACKING_PARAMS = new Set([
  "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
  "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
  "vero_id", "wickedid", "rb_clickid", "s_cid", "cmpid", "ocid", "ref_src", "ref_url", "__twitter_impression",
  "sr_share", "at_medium", "at_campaign", "spm", "xtor", "ncid",
]);
/** Prefixes of tracking parameter names (lower case). */
const TRACKING_PREFIXES = ["utm_", "pk_", "mtm_", "hsa_", "itm_"];
/** Leading host labels that name another rendering of the same site. */
const SITE_VARIANT_LABELS = /^(?:www\d?|m|mobile|amp)\./u;
const UNRESERVED = /[A-Za-z0-9\-._~]/u;
const PERCENT_ESCAPE = /%([0-9a-fA-F]{2})/gu;
const HTTP_SCHEMES = new Set(["http:", "https:"]);
const ROOT_PATH = "/";

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/** Percent-escapes of unreserved characters decoded, the rest in upper case. */
function normaliseEscapes(s: string): string {
  return s.replace(PERCENT_ESCAPE, (_, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

/** The canonical form of an http(s) URL (relative to `base` when given), or null when it is not one. */
export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (!HTTP_SCHEMES.has(url.protocol) || !url.hostname) return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  if (url.hostname.endsWith(".")) url.hostname = url.hostname.replace(/\.+$/u, "");
  url.pathname = normaliseEscapes(url.pathname) || ROOT_PATH;
  const kept = [...url.searchParams].filter(([name]) => !isTracking(name));
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  url.search = "";
  for (const [name, value] of kept) url.searchParams.append(name, value);
  return url.href;
}

/** The host without the labels of another rendering (www., m., amp.). */
export function siteHost(url: string): string | null {
  try {
    return new URL(url).hostname.replace(SITE_VARIANT_LABELS, "");
  } catch {
    return null;
  }
}

/** Do two URLs belong to the same site (hosts equal but for www., m., amp.)? */
export function sameSite(a: string, b: string): boolean {
  const ha = siteHost(a);
  return ha !== null && ha === siteHost(b);
}

function isRoot(url: string): boolean {
  const u = new URL(url);
  return u.pathname === ROOT_PATH && !u.search;
}

/**
 * The canonical URL of a page fetched from `pageUrl` whose markup names
 * `declared` as its canonical address: the declared one (canonicalised) when
 * it is on the same site and does not send an article to the front page,
 * else the page's own address canonicalised. Either may be missing.
 */
export function chooseCanonical(pageUrl: string | undefined, declared: string | undefined): string | undefined {
  const page = pageUrl ? canonicalUrl(pageUrl) : null;
  const named = declared ? canonicalUrl(declared, pageUrl) : null;
  if (named && (!page || (sameSite(page, named) && (!isRoot(named) || isRoot(page))))) return named;
  return page ?? undefined;
}
