// Text from strangers (file names, page content) shown on a terminal: control
// characters made visible so that a name cannot split an error line, fake a
// line of ours, or drive the terminal with escape sequences.

/** C0 controls, DEL, C1 controls, and the line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\x1b" };

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * The string with every control character written as a visible escape
 * (`\n`, `\x1b`, `\u2028`); an escape sequence such as `ESC[2J` becomes the
 * harmless text `\x1b[2J`. Printable text, Greek included, is unchanged.
 */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, visible);
}
