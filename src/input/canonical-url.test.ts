import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalUrl, chooseCanonical, sameSite } from "./canonical-url.js";

test("scheme and host in lower case, default ports and fragments dropped", () => {
  assert.equal(canonicalUrl("HTTPS://News.Example.COM:443/a/b#comments"), "https://news.example.com/a/b");
  assert.equal(canonicalUrl("http://example.com:80"), "http://example.com/");
  assert.equal(canonicalUrl("http://example.com:8080/x"), "http://example.com:8080/x");
  assert.equal(canonicalUrl("http://example.com./x"), "http://example.com/x");
  assert.equal(canonicalUrl("http://user:pw@example.com/x"), "http://example.com/x");
});

test("tracking parameters removed, the others sorted by name, an empty query dropped", () => {
  assert.equal(
    canonicalUrl("https://example.com/a?utm_source=tw&id=7&UTM_Medium=x&fbclid=abc&b=2&gclid=1&a=1"),
    "https://example.com/a?a=1&b=2&id=7",
  );
  assert.equal(canonicalUrl("https://example.com/a?utm_campaign=x&mc_cid=1&_ga=2"), "https://example.com/a");
  assert.equal(canonicalUrl("https://example.com/a?"), "https://example.com/a");
  // Repeated names keep their order.
  assert.equal(canonicalUrl("https://example.com/?tag=b&page=2&tag=a"), "https://example.com/?page=2&tag=b&tag=a");
});

test("dot segments resolved, escapes of unreserved characters decoded, others upper case", () => {
  assert.equal(canonicalUrl("http://example.com/a/./b/../c"), "http://example.com/a/c");
  assert.equal(canonicalUrl("http://example.com/%7euser/%41%2f"), "http://example.com/~user/A%2F");
});

test("Greek paths and hosts: one spelling for the escaped and the unescaped forms", () => {
  const escaped = canonicalUrl("https://www.kathimerini.gr/%CE%BA%CF%8C%CF%83%CE%BC%CE%BF%CF%82/");
  assert.equal(canonicalUrl("https://www.kathimerini.gr/κόσμος/"), escaped);
  assert.equal(canonicalUrl("https://www.kathimerini.gr/%ce%ba%cf%8c%cf%83%ce%bc%ce%bf%cf%82/"), escaped);
  // Hosts fold case (accented capitals too); paths keep theirs.
  assert.equal(canonicalUrl("http://ΆΡΤΑ-ΝΈΑ.gr/Άρθρο"), canonicalUrl("http://άρτα-νέα.gr/Άρθρο"));
  assert.notEqual(canonicalUrl("http://example.gr/Άρθρο"), canonicalUrl("http://example.gr/άρθρο"));
  // A capital Σ folds to σ, never to the final ς: the two are different host names (IDNA).
  assert.equal(canonicalUrl("http://ΕΙΔΗΣΕΙΣ.gr/"), canonicalUrl("http://ειδησεισ.gr/"));
  assert.notEqual(canonicalUrl("http://ειδησεισ.gr/"), canonicalUrl("http://ειδησεις.gr/"));
  assert.equal(canonicalUrl("http://example.gr/%ce%90-%CE%B0"), canonicalUrl("http://example.gr/ΐ-ΰ"));
});

test("relative URLs against a base; what is not http(s) is null", () => {
  assert.equal(canonicalUrl("../b?utm_x=1", "https://example.com/a/c/"), "https://example.com/a/b");
  assert.equal(canonicalUrl("mailto:x@example.com"), null);
  assert.equal(canonicalUrl("javascript:alert(1)"), null);
  assert.equal(canonicalUrl("not a url"), null);
});

test("canonicalisation is idempotent", () => {
  for (const u of ["HTTP://A.com:80/x/../y?b=1&a=2#f", "https://ex.com/%7e/κ?utm_source=1", "https://ex.com"]) {
    const once = canonicalUrl(u)!;
    assert.equal(canonicalUrl(once), once);
  }
});

test("same site: hosts equal but for www., m. and amp.", () => {
  assert.ok(sameSite("https://www.example.com/a", "https://amp.example.com/a"));
  assert.ok(sameSite("https://m.example.com/a", "https://example.com/b"));
  assert.ok(!sameSite("https://example.com/a", "https://other.com/a"));
  assert.ok(!sameSite("https://news.example.com/a", "https://example.com/a"));
});

test("an AMP page that names its article is stored under the article's address", () => {
  assert.equal(chooseCanonical("https://amp.example.com/story/1?utm_source=x", "https://www.example.com/story/1"), "https://www.example.com/story/1");
  assert.equal(chooseCanonical("https://example.com/story/1/amp", "/story/1"), "https://example.com/story/1");
  assert.equal(chooseCanonical("https://example.com/story/1?outputType=amp", "https://example.com/story/1#top"), "https://example.com/story/1");
});

test("a canonical link to another site or to the front page is not believed", () => {
  assert.equal(chooseCanonical("https://example.com/story/1", "https://attacker.test/story/1"), "https://example.com/story/1");
  assert.equal(chooseCanonical("https://example.com/story/1", "https://example.com/"), "https://example.com/story/1");
  assert.equal(chooseCanonical("https://example.com/", "https://www.example.com/"), "https://www.example.com/");
  assert.equal(chooseCanonical("https://example.com/story/1", "http://"), "https://example.com/story/1");
});

test("without a page address the declared canonical is taken; without either, nothing", () => {
  assert.equal(chooseCanonical(undefined, "https://Example.com/a?utm_source=x"), "https://example.com/a");
  assert.equal(chooseCanonical(undefined, undefined), undefined);
  assert.equal(chooseCanonical("https://example.com/a?b=1&a=2", undefined), "https://example.com/a?a=2&b=1");
});
