import { strict as assert } from "node:assert";
import { test } from "node:test";
import { linkableUrl } from "./safe-url.js";

test("only absolute http(s) addresses are linkable", () => {
  assert.equal(linkableUrl("https://example.org/a?b=1#c"), "https://example.org/a?b=1#c");
  assert.equal(linkableUrl(" http://Example.org/ "), "http://example.org/");
  assert.match(linkableUrl("https://ελληνικά.gr/άρθρο") ?? "", /^https:\/\/xn--[a-z0-9-]+\.gr\/%CE%AC%CF%81%CE%B8%CF%81%CE%BF$/u);
});

test("javascript:, data:, vbscript:, file:, relative and broken addresses are never linkable", () => {
  for (const url of [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\u0000script:alert(1)",
    "\u200bjavascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/",
    "//example.org/a",
    "/articles/1",
    "example.org",
    "https://",
    "",
    null,
    undefined,
  ]) assert.equal(linkableUrl(url), null, String(url));
});
