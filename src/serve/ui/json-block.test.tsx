import { strict as assert } from "node:assert";
import { test } from "node:test";
import { JsonBlock, scriptSafeJson } from "./json-block.js";

test("a JSON data block cannot be closed or commented out by the data it holds", () => {
  const value = { days: ["</script><script>alert(1)</script>", "<!--", "a & b > c", "\u2028\u2029"], counts: [1, 2] };
  const json = scriptSafeJson(value);
  assert.ok(!/[<>&\u2028\u2029]/u.test(json), json);
  assert.deepEqual(JSON.parse(json), value);
  const html = String(<JsonBlock id="d" value={value} />);
  assert.match(html, /^<script type="application\/json" id="d">\{.*\}<\/script>$/su);
  assert.equal(html.match(/<\/script/giu)?.length, 1, "only the block's own end tag");
});
