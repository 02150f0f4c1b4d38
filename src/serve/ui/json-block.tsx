// Data for the client scripts, written into the page as a JSON data block
// (<script type="application/json">: never executed, allowed by the CSP).
// This is the UI's one unescaped output: the JSON is written with <, >, &
// and the line separators as \u escapes, so no text it holds can end the
// element or open a comment, whatever the data (Django's json_script does
// the same). Every other page text goes through hono/jsx's escaping.
import { raw } from "hono/html";

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/gu;

/** JSON with the characters that could end a <script> element written as \u escapes. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function JsonBlock({ id, value }: { id: string; value: unknown }) {
  return (
    <script type="application/json" id={id}>
      {raw(scriptSafeJson(value))}
    </script>
  );
}
