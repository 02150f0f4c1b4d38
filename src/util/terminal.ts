// Text bound for a terminal. Headlines, snippets, quotations, names and URLs
// come from pages written by strangers: their control characters (an ESC
// sequence can retitle or clear the terminal, a carriage return can overwrite a
// line) and bidirectional overrides (which reorder what is shown) are written
// out as visible \uXXXX escapes. Tabs and newlines are kept. The escape form is
// also a JSON string escape, so JSON output stays valid and means the same.
//
// newsgraph's own styling (bold search matches) is written as two marker
// characters, Unicode noncharacters reserved for internal use, which become
// SGR codes only here and only for a terminal; no ESC from the text ever does.

/** C0 controls but tab and newline, DEL, C1 controls, line/paragraph separators, bidi embeddings, overrides and isolates, noncharacters. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]/gu;
const HEX_DIGITS = 4;

/** Style markers to put in output text: bold on, bold off. */
export const STYLE = { bold: "\ufdd0", reset: "\ufdd1" } as const;
/** What a marker becomes on a terminal. */
const SGR: Record<string, string> = { [STYLE.bold]: "\x1b[1m", [STYLE.reset]: "\x1b[0m" };

export interface TerminalOptions {
  /** Turn STYLE markers into terminal styles (else they are escaped like the rest). */
  styles?: boolean;
}

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(HEX_DIGITS, "0")}`;

/** `s` with every character that could drive a terminal written as a visible \uXXXX escape. */
export function safeForTerminal(s: string, options: TerminalOptions = {}): string {
  return s.replace(UNSAFE, (c) => (options.styles ? (SGR[c] ?? escape(c)) : escape(c)));
}

/** Line breaks and tabs, named in one-line messages. */
const LINE_BREAKS: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `s` made safe for one line of a message (a file name, an error from a
 * stranger's page): everything safeForTerminal escapes, and line breaks and
 * tabs too, so a name cannot split an error line or fake a line of ours.
 */
export function escapeControl(s: string): string {
  return safeForTerminal(s).replace(/[\n\r\t]/gu, (c) => LINE_BREAKS[c]);
}
