import assert from "node:assert/strict";
import { test } from "node:test";
import { entityId } from "./id.js";

test("an entity's id is its type in lower case and its key with hyphens for spaces, else the fallback", () => {
  assert.equal(entityId("PER", "serg riabkof"), "per:serg-riabkof");
  assert.equal(entityId("ORG", "ipiresia  pirosvestik"), "org:ipiresia-pirosvestik");
  assert.equal(entityId("MISC", "", "κκκ"), "misc:κκκ");
});
