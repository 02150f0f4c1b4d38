// ISO 8859-7: ASCII and the Greek letters (accented, with diaeresis, final
// sigma), « » and the euro sign, one byte each where UTF-8 takes two for every
// Greek letter. The store writes short Greek strings in it (story keys, span
// texts) and Node decodes it natively; Node encodes only UTF-8, so the encoder
// is ours, its table read from the decoder so the two always agree.

const CHARSET = "iso-8859-7";
/** The bytes that stand for characters: ASCII and the upper half (the C1 controls aside). */
const FIRST_UPPER = 0xa0;
const ASCII_END = 0x80;
/** Unassigned bytes decode to this, which then stands for none of them. */
const REPLACEMENT = "\ufffd";
const NONE = -1;

const decoder = new TextDecoder(CHARSET);

/** Each UTF-16 code unit the charset has to its byte, else NONE: a table up to the highest one (the euro and drachma signs, U+20AC and U+20AF). */
const BYTES: Int16Array = (() => {
  const bytes = [...Array(256).keys()].filter((b) => b < ASCII_END || b >= FIRST_UPPER);
  const chars = decoder.decode(Uint8Array.from(bytes));
  const pairs = [...chars].flatMap((c, i): [number, number][] => (c === REPLACEMENT ? [] : [[c.charCodeAt(0), bytes[i]]]));
  const table = new Int16Array(Math.max(...pairs.map(([code]) => code)) + 1).fill(NONE);
  for (const [code, byte] of pairs) table[code] = byte;
  return table;
})();

/** The text in ISO 8859-7, or null when it has a character the charset has not. */
export function encodeGreek(text: string): Buffer | null {
  const out = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const b = code < BYTES.length ? BYTES[code] : NONE;
    if (b === NONE) return null;
    out[i] = b;
  }
  return out;
}

/** The text of ISO 8859-7 bytes. */
export function decodeGreek(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
