// Trimming punctuation, symbols and spaces off both ends of a line, in linear
// time: the regular expression /^[…]+|[…]+$/g retries its second branch at every
// position of a long run that does not reach the end, which is quadratic.

const EDGE = /^[\s\p{P}\p{S}]$/u;
const ASCII = 0x80;
/** EDGE for each ASCII code, computed once. */
const ASCII_EDGE = Uint8Array.from({ length: ASCII }, (_, c) => (EDGE.test(String.fromCharCode(c)) ? 1 : 0));

function isEdge(s: string, from: number, to: number): boolean {
  return to - from === 1 && s.charCodeAt(from) < ASCII ? ASCII_EDGE[s.charCodeAt(from)] === 1 : EDGE.test(s.slice(from, to));
}

/** Width in UTF-16 units of the code point at i (2 for a surrogate pair). */
function widthAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

/** Width of the code point that ends just before j. */
function widthBefore(s: string, j: number): number {
  const c = s.charCodeAt(j - 1);
  return (c & 0xfc00) === 0xdc00 && j >= 2 && (s.charCodeAt(j - 2) & 0xfc00) === 0xd800 ? 2 : 1;
}

/** The string without leading and trailing punctuation, symbols and white space. */
export function trimEdges(s: string): string {
  let start = 0;
  while (start < s.length) {
    const w = widthAt(s, start);
    if (!isEdge(s, start, start + w)) break;
    start += w;
  }
  let end = s.length;
  while (end > start) {
    const w = widthBefore(s, end);
    if (!isEdge(s, end - w, end)) break;
    end -= w;
  }
  return s.slice(start, end);
}
