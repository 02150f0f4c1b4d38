import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { deflateRawSync } from "node:zlib";
import { ModelFormatError } from "../models/format.js";
import { writeDictionaries } from "../train/packing.js";
import { DICTIONARY_MARK, PackingError, RECORD_KIND, installedDictionaries, pack, readDictionaries, textKind, unpack } from "./packing.js";

const GREEK = "Η κυβέρνηση ανακοίνωσε σήμερα ότι ο υπουργός Εξωτερικών θα συναντήσει τον Τούρκο ομόλογό του. Ά Έ Ή Ί Ό Ύ Ώ ΐ ΰ ς";
const DICTIONARY = Buffer.from(" κυβέρνηση ανακοίνωσε υπουργός Εξωτερικών συναντήσει ομόλογό ");
const dictionaries = (id = 7) => ({ byId: new Map([[id, DICTIONARY]]), current: new Map([[textKind("el"), id]]) });

test("a blob packed with a dictionary names it, reads back, and takes fewer bytes than without", () => {
  const bytes = Buffer.from(GREEK, "utf8");
  const packed = pack(bytes, textKind("el"), {}, dictionaries());
  assert.equal(packed[0], DICTIONARY_MARK);
  assert.equal(packed[1], 7);
  assert.deepEqual(unpack(packed, dictionaries()), bytes);
  assert.ok(packed.length < deflateRawSync(bytes).length, `${packed.length} against ${deflateRawSync(bytes).length}`);
  // A kind without a dictionary is plain raw deflate.
  assert.deepEqual(pack(bytes, textKind("xx"), {}, dictionaries()), deflateRawSync(bytes));
  assert.deepEqual(unpack(pack(Buffer.alloc(0), textKind("el"), {}, dictionaries()), dictionaries()), Buffer.alloc(0));
});

test("blobs written before (plain raw deflate) are read as they are: no deflate stream begins with the mark", () => {
  for (const text of ["", "a", GREEK, GREEK.repeat(50), "\u0000\u0006\u0007"]) {
    const plain = deflateRawSync(Buffer.from(text, "utf8"));
    for (const level of [0, 1, 9]) assert.notEqual(deflateRawSync(Buffer.from(text, "utf8"), { level })[0] & 0b110, 0b110);
    assert.equal(unpack(plain, dictionaries()).toString("utf8"), text);
  }
});

test("a blob of a dictionary the store does not hold is refused with one line", () => {
  const packed = pack(Buffer.from(GREEK), textKind("el"), {}, dictionaries(9));
  assert.throws(() => unpack(packed, dictionaries(7)), (e: Error) => e instanceof PackingError && /dictionary 9/.test(e.message) && !e.message.includes("\n"));
});

test("dictionaries keep their ids while their bytes stay the same; a changed one gets a new id beside the old", () => {
  const dir = mkdtempSync(join(tmpdir(), "newsgraph-packing-"));
  try {
    const first = writeDictionaries(dir, new Map([[RECORD_KIND, Buffer.from("{\"id\":")], [textKind("el"), DICTIONARY]]), {});
    assert.deepEqual(first.current, { record: 1, "text-el": 2 });
    const again = writeDictionaries(dir, new Map([[RECORD_KIND, Buffer.from("{\"id\":")], [textKind("el"), DICTIONARY]]), {});
    assert.deepEqual(again, first);
    const changed = writeDictionaries(dir, new Map([[RECORD_KIND, Buffer.from("{\"type\":")], [textKind("el"), DICTIONARY]]), {});
    assert.deepEqual(changed.current, { record: 3, "text-el": 2 });
    assert.deepEqual(Object.keys(changed.dictionaries), ["1", "2", "3"]);
    const loaded = readDictionaries(dir);
    assert.deepEqual(loaded.byId.get(1), Buffer.from("{\"id\":"));
    assert.equal(loaded.current.get(RECORD_KIND), 3);
    // A blob packed with the first record dictionary still reads.
    const old = pack(Buffer.from("{\"id\":1}"), RECORD_KIND, {}, { byId: loaded.byId, current: new Map([[RECORD_KIND, 1]]) });
    assert.equal(unpack(old, loaded).toString(), "{\"id\":1}");
    writeFileSync(join(dir, "record-1.bin"), "changed");
    assert.throws(() => readDictionaries(dir), (e: Error) => e instanceof ModelFormatError && /record-1\.bin/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the dictionaries in models/packing: every kind's current one is held, and a Greek text packs smaller with its own", () => {
  const held = installedDictionaries();
  for (const kind of [RECORD_KIND, "tokens", textKind("el"), textKind("en")]) assert.ok(held.byId.has(held.current.get(kind) ?? -1), kind);
  const bytes = Buffer.from(GREEK, "utf8");
  const packed = pack(bytes, textKind("el"));
  assert.ok(packed.length < deflateRawSync(bytes).length);
  assert.deepEqual(unpack(packed), bytes);
});
