// Hostile bytes: decoding never throws without a declared charset, never leaves
// a control character or a second line in a warning, and costs linear time.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import fc from "fast-check";
import iconv from "iconv-lite";
import { MAX_GROWTH, describeGrowth, growth } from "../testing/linear.js";
import { decodeBytes, isBinary } from "./decode.js";

const CONTROLS = /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u009f]/u;
const GREEK = "Η κυβέρνηση ανακοίνωσε σήμερα «νέα μέτρα» για την οικονομία. ";

function checked(bytes: Uint8Array, options = {}): void {
  const d = decodeBytes(bytes, options);
  assert.ok(!CONTROLS.test(d.text));
  assert.ok(d.replaced >= 0 && d.removed >= 0);
  for (const w of d.warnings) assert.ok(!w.includes("\n"), w);
}

test("any bytes decode, with or without an HTML meta or a declared charset", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(undefined, "utf-8", "windows-1252", "iso-8859-7"), (bytes, declared) => {
      checked(bytes, declared ? { declared } : { html: true });
      isBinary(bytes);
    }),
    { numRuns: 500 },
  );
});

test("any text survives a round trip through UTF-8, less its control characters", () => {
  fc.assert(
    fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
      const text = s.replace(/^\ufeff/u, "");
      const d = decodeBytes(new TextEncoder().encode(text));
      assert.equal(d.charset, "utf-8");
      assert.equal(d.text, text.replace(/[\u000b\u000c]/gu, " ").replace(new RegExp(CONTROLS.source, "gu"), ""));
    }),
    { numRuns: 300 },
  );
});

function damaged(n: number): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(GREEK.repeat(Math.ceil(n / 110))).subarray(0, n));
  for (let i = 1000; i < bytes.length; i += 5000) bytes[i] = 0xff;
  return bytes;
}

const FAMILIES: [string, (n: number) => Uint8Array, Parameters<typeof decodeBytes>[1]][] = [
  ["UTF-8 with bad bytes", damaged, {}],
  ["Greek under a declared Latin charset", (n) => new Uint8Array(iconv.encode(GREEK.repeat(n / 60), "windows-1253")), { declared: "iso-8859-1" }],
  ["control characters everywhere", (n) => new Uint8Array(n).map((_, i) => (i % 3 === 0 ? 0x01 : 0x61)), {}],
  ["random bytes", (n) => new Uint8Array(n).map((_, i) => (i * 2654435761) >>> 24), { html: true }],
];

for (const [name, make, options] of FAMILIES) {
  test(`linear cost: ${name}`, () => {
    const g = growth(make, (bytes) => {
      decodeBytes(bytes, options);
      isBinary(bytes);
    }, 200_000);
    assert.ok(g.ratio <= MAX_GROWTH, describeGrowth(name, g));
  });
}
