import assert from "node:assert/strict";
import { test } from "node:test";
import { isoCode, linkDetail, NO_MATCH, sameKey, storedDetail } from "./link-detail.js";

test("the usual explanation of a rule is stored as '' and written again when read", () => {
  for (const [rule, localId, detail] of [
    ["key", "per:riampkof", sameKey("per:riampkof")],
    ["code", "country:GR", isoCode("GR")],
    ["new", "org:ypik", NO_MATCH],
  ] as const) {
    assert.equal(storedDetail(rule, localId, detail), "");
    assert.equal(linkDetail(rule, localId, ""), detail);
  }
});

test("any other explanation is kept as given, and read as stored", () => {
  for (const [rule, localId, detail] of [
    ["key", "per:riampkof", sameKey("per:other")],
    ["code", "country:GR", isoCode("CY")],
    ["new", "per:papadopoulos", "surname shared by 2 stored people"],
    ["new", "country:EE", `first seen (${isoCode("EE")})`],
    ["alias", "per:x", "«Ριαμπκόφ» ~ «Ryabkov»"],
    ["surname", "per:x", "«Κοτζιάς» is the surname of «Νίκος Κοτζιάς», the only stored person with it"],
  ] as const) {
    const stored = storedDetail(rule, localId, detail);
    assert.equal(stored, detail);
    assert.equal(linkDetail(rule, localId, stored), detail);
  }
});

test("rows stored before read as they were", () => {
  assert.equal(linkDetail("key", "per:a", sameKey("per:a")), sameKey("per:a"));
});
