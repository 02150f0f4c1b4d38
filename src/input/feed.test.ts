import { test } from "node:test";
import assert from "node:assert/strict";
import { FeedError, feedDate, feedItemInput, htmlToParagraphs, parseFeedText } from "./feed.js";

const LONG = Array.from({ length: 130 }, (_, i) => `λέξη${i}`).join(" ");

const RSS2 = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Ειδήσεις</title><link>https://news.example.gr/</link>
<item><title>Πρώτο &amp; δεύτερο</title><link>https://news.example.gr/a/1?utm_source=rss#top</link>
  <pubDate>Tue, 05 Mar 2024 14:30:00 +0200</pubDate><description>Σύντομο.</description>
  <content:encoded><![CDATA[<p>Πρώτη παράγραφος.</p><p>Δεύτερη <b>παράγραφος</b>.</p><script>x()</script>]]></content:encoded></item>
<item><title>Χωρίς link</title><guid isPermaLink="true">https://news.example.gr/a/2</guid><dc:date>2024-03-05T10:00:00Z</dc:date><description>${LONG}</description></item>
<item><title>Teaser</title><link>/a/3</link><description>Λίγα λόγια.</description></item>
<item><title>Διπλό</title><link>https://news.example.gr/a/1</link></item>
<item><title>Χωρίς διεύθυνση</title><guid isPermaLink="false">id-5</guid></item>
</channel></rss>`;

const RSS091 = `<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title><item><title>One</title><link>http://old.example.com/1</link></item></channel></rss>`;

const RDF = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://r.example.com/"><title>R</title><link>http://r.example.com/</link></channel>
<item rdf:about="http://r.example.com/1"><title>r1</title><link>http://r.example.com/1</link><dc:date>2020-02-02T08:00:00+01:00</dc:date></item></rdf:RDF>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title><id>urn:x</id><updated>2024-03-01T00:00:00Z</updated>
<entry><title>Port strike</title><link rel="alternate" type="text/html" href="https://atom.example.com/port"/><link rel="self" href="https://atom.example.com/port.atom"/>
<id>urn:1</id><published>2024-03-01T09:00:00+02:00</published><updated>2024-03-02T09:00:00+02:00</updated><content type="html">&lt;p&gt;Dock workers walked out.&lt;/p&gt;</content></entry>
<entry><title>Only updated</title><link href="https://atom.example.com/u"/><id>urn:2</id><updated>2024-03-03T00:00:00Z</updated><summary>short</summary></entry></feed>`;

const JSON_FEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1", title: "J",
  items: [
    { id: "1", url: "https://j.example.com/1", title: "Html", content_html: "<p>One.</p><p>Two.</p>", date_published: "2024-01-02T03:04:05Z" },
    { id: "https://j.example.com/2", title: "Text", content_text: "Line one.\n\nLine <two>." },
  ],
});

test("RSS 2.0: links canonical and resolved, dates in their zone, full text from content:encoded or a long description", () => {
  const f = parseFeedText(RSS2, "https://news.example.gr/rss");
  assert.equal(f.format, "rss");
  assert.equal(f.title, "Ειδήσεις");
  assert.deepEqual(f.items.map((i) => i.url), ["https://news.example.gr/a/1", "https://news.example.gr/a/2", "https://news.example.gr/a/3"]);
  const [a, b, c] = f.items;
  assert.equal(a.title, "Πρώτο & δεύτερο");
  assert.equal(a.published, "2024-03-05T14:30:00+02:00");
  assert.match(a.content!, /Πρώτη παράγραφος/);
  assert.equal(b.published, "2024-03-05T10:00:00Z");
  assert.equal(b.content, LONG, "a description past the teaser length is the full text");
  assert.equal(c.content, undefined, "a teaser is not");
});

test("RSS 0.91, RSS 1.0 (RDF), Atom and JSON Feed", () => {
  assert.deepEqual(parseFeedText(RSS091).items, [{ url: "http://old.example.com/1", title: "One" }]);
  const rdf = parseFeedText(RDF);
  assert.equal(rdf.format, "rdf");
  assert.deepEqual(rdf.items, [{ url: "http://r.example.com/1", title: "r1", published: "2020-02-02T08:00:00+01:00" }]);
  const atom = parseFeedText(ATOM);
  assert.equal(atom.format, "atom");
  assert.equal(atom.items[0].url, "https://atom.example.com/port");
  assert.equal(atom.items[0].published, "2024-03-01T09:00:00+02:00", "published before updated");
  assert.equal(atom.items[0].content, "<p>Dock workers walked out.</p>");
  assert.equal(atom.items[1].published, "2024-03-03T00:00:00Z");
  const json = parseFeedText(JSON_FEED);
  assert.equal(json.format, "json");
  assert.deepEqual(json.items.map((i) => i.url), ["https://j.example.com/1", "https://j.example.com/2"]);
  assert.deepEqual(htmlToParagraphs(json.items[1].content!), ["Line one.", "Line <two>."]);
});

test("broken and foreign documents are FeedErrors, not exceptions of the parser", () => {
  for (const bad of ["<html><body>a page</body></html>", "<rss><channel><item><title>cut", "{\"not\":\"a feed\"}", "", "\u0000\u0001"]) {
    assert.throws(() => parseFeedText(bad), FeedError, JSON.stringify(bad));
  }
});

test("feed dates: RFC 822 with numeric and named zones, ISO kept, junk refused", () => {
  assert.equal(feedDate("Tue, 05 Mar 2024 23:30:00 GMT"), "2024-03-05T23:30:00Z");
  assert.equal(feedDate("Tue, 05 Mar 2024 23:30:00 -0500"), "2024-03-05T23:30:00-05:00");
  assert.equal(feedDate("Tue, 05 Mar 2024 23:30:00 EST"), "2024-03-05T23:30:00-05:00");
  assert.equal(feedDate("2024-03-05T23:30:00+03:00"), "2024-03-05T23:30:00+03:00");
  assert.equal(feedDate("2024-03-05"), "2024-03-05");
  assert.equal(feedDate("yesterday"), undefined);
  assert.equal(feedDate(undefined), undefined);
});

test("the feed's own text of an item becomes an input with its headline, URL and date; a teaser does not", () => {
  const [a, , c] = parseFeedText(RSS2, "https://news.example.gr/rss").items;
  const raw = feedItemInput(a, a.url, "el")!;
  assert.equal(raw.mediaType, "text/plain");
  assert.equal(raw.text, "Πρώτη παράγραφος.\nΔεύτερη παράγραφος.");
  assert.deepEqual(raw.hints, { url: "https://news.example.gr/a/1", title: "Πρώτο & δεύτερο", published: "2024-03-05T14:30:00+02:00", lang: "el" });
  assert.equal(feedItemInput(c, c.url), null);
});
