import assert from "node:assert/strict";
import { test } from "node:test";
import { firstSeen, isoCode, linkDetail, NO_MATCH, NO_PERSON, NOT_A_PROPER_NAME, readLink, sameKey, sameKeyShared, sharedSurname, storedDetail, storedRule, surnameOf } from "./link-detail.js";

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

test("an explanation made from a template is stored as its mark and words, and read back whole", () => {
  for (const [rule, localId, detail] of [
    ["new", "org:ypik", NOT_A_PROPER_NAME],
    ["new", "per:papadopoulos", sharedSurname(2)],
    ["new", "per:papadopoulos", NO_PERSON],
    ["key", "per:papadopoulos", sameKeyShared("per:papadopoulos", 12)],
    ["surname", "per:x", surnameOf("Κοτζιάς", "Νίκος Κοτζιάς")],
    // names holding the template's own marks and words still come back as they were
    ["surname", "per:x", surnameOf("A», the only stored person with it «B", "«Γ» is the surname of «Δ»")],
    ["new", "country:EE", firstSeen(isoCode("EE"))],
    ["new", "per:x", firstSeen(surnameOf("Κοτζιάς", "Νίκος Κοτζιάς"))],
    ["new", "per:x", firstSeen(firstSeen(sharedSurname(3)))],
  ] as const) {
    const stored = storedDetail(rule, localId, detail);
    assert.ok(stored.length < detail.length, `${JSON.stringify(stored)} for ${detail}`);
    assert.equal(linkDetail(rule, localId, stored), detail);
  }
  assert.equal(surnameOf("Κοτζιάς", "Νίκος Κοτζιάς"), "«Κοτζιάς» is the surname of «Νίκος Κοτζιάς», the only stored person with it");
  assert.equal(sameKeyShared("per:pap", 2), "same key per:pap (surname shared by 2 stored people)");
});

test("any other explanation is kept as given, and read as stored", () => {
  for (const [rule, localId, detail] of [
    ["key", "per:riampkof", sameKey("per:other")],
    ["code", "country:GR", isoCode("CY")],
    ["alias", "per:x", "«Ριαμπκόφ» ~ «Ryabkov»"],
  ] as const) {
    const stored = storedDetail(rule, localId, detail);
    assert.equal(stored, detail);
    assert.equal(linkDetail(rule, localId, stored), detail);
  }
});

test("rows stored before read as they were", () => {
  assert.equal(linkDetail("key", "per:a", sameKey("per:a")), sameKey("per:a"));
  assert.equal(linkDetail("new", "per:a", sharedSurname(2)), sharedSurname(2));
  assert.equal(linkDetail("surname", "per:a", surnameOf("A", "B A")), surnameOf("A", "B A"));
});

test("a link's rule is stored as one letter and read back as its name; a row stored with the name reads the same", () => {
  for (const rule of ["key", "code", "new", "surname", "alias"] as const) {
    assert.equal(storedRule(rule).length, 1);
    const row = { localId: "per:pap", rule: storedRule(rule), detail: storedDetail(rule, "per:pap", sharedSurname(4)) };
    assert.deepEqual(readLink(row), { localId: "per:pap", rule, detail: sharedSurname(4) });
    assert.deepEqual(readLink({ ...row, rule }), { localId: "per:pap", rule, detail: sharedSurname(4) });
  }
  assert.equal(new Set(["key", "code", "new", "surname", "alias"].map((r) => storedRule(r as "key"))).size, 5);
  assert.deepEqual(readLink({ localId: "country:GR", rule: storedRule("code"), detail: "" }).detail, isoCode("GR"));
});
