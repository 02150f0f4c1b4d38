// Which addresses taken from articles may become links: absolute http(s) URLs
// only. javascript:, data:, vbscript:, file: and every other scheme, relative
// addresses and strings that are not URLs are shown as text, never linked.
const LINKABLE_PROTOCOLS = new Set(["http:", "https:"]);
/** Characters browsers strip or ignore in a URL, which could hide a scheme. */
const HIDDEN = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/u;

/** The URL, normalised, when it is an absolute http(s) address safe to link; otherwise null. */
export function linkableUrl(url: string | null | undefined): string | null {
  const trimmed = url?.trim();
  if (!trimmed || HIDDEN.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  return LINKABLE_PROTOCOLS.has(parsed.protocol) && parsed.hostname !== "" ? parsed.href : null;
}
