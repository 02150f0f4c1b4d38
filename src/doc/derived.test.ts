import { strict as assert } from "node:assert";
import { test } from "node:test";
import { buildDoc } from "../pipeline/build.js";
import { adoptDerived, derive, derivedOf } from "./derived.js";

const docOf = (text: string) => buildDoc({ title: "Τίτλος", paragraphs: [text], related: [], meta: {} });

test("a derived value is computed once per document and name", () => {
  const doc = docOf("Πρώτη παράγραφος.");
  let runs = 0;
  const length = () => derive(doc, "length", (d) => (runs++, d.text.length));
  assert.equal(length(), doc.text.length);
  assert.equal(length(), doc.text.length);
  assert.equal(runs, 1);
  assert.equal(derive(docOf("Πρώτη παράγραφος."), "length", () => -1), -1, "another document, even with the same text, has its own");
});

test("derived values cross threads with their document; Buffers come back as Buffers", () => {
  const doc = docOf("Δεύτερη παράγραφος.");
  derive(doc, "blobs", () => ({ record: Buffer.from("ρεκόρ"), count: 3 }));
  derive(doc, "signature", () => Uint32Array.of(1, 2, 3));
  const { doc: arrived, derived } = structuredClone({ doc, derived: derivedOf(doc) });
  assert.ok(!Buffer.isBuffer((derived.blobs as { record: Uint8Array }).record), "cloning loses the Buffer");
  adoptDerived(arrived, derived);
  const blobs = derive<{ record: Buffer; count: number }>(arrived, "blobs", () => assert.fail("computed again"));
  assert.ok(Buffer.isBuffer(blobs.record));
  assert.equal(blobs.record.toString(), "ρεκόρ");
  assert.equal(blobs.count, 3);
  assert.deepEqual(derive(arrived, "signature", () => assert.fail("computed again")), Uint32Array.of(1, 2, 3));
});
