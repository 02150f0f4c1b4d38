// Metadata details: author cleaning, headline and site name, JSON-LD quirks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanAuthors } from "./meta.js";
import { extractLangData } from "./langdata.js";
import { extractHtml } from "./index.js";

const lang = extractLangData();
const BODY = "<p>Το δημοτικό συμβούλιο ενέκρινε χθες το σχέδιο για την ανάπλαση της πλατείας, ένα έργο που συζητείται εδώ και χρόνια στην πόλη.</p>".repeat(4);

test("author names lose 'By', handles, dates, roles after a bar, and the site name", () => {
  assert.deepEqual(cleanAuthors(["By John Smith and Jane Doe | Harbour News"], lang, "Harbour News"), ["John Smith", "Jane Doe"]);
  assert.deepEqual(cleanAuthors(["Του Γιώργου Παπαδόπουλου"], lang), ["Γιώργου Παπαδόπουλου"]);
  assert.deepEqual(cleanAuthors(["Maria Lopez @mlopez Nov 19, 2019"], lang), ["Maria Lopez"]);
  assert.deepEqual(cleanAuthors(["https://www.facebook.com/someone"], lang), []);
  assert.deepEqual(cleanAuthors(["Ελένη Γεωργίου και Νίκος Πέτρου"], lang), ["Ελένη Γεωργίου", "Νίκος Πέτρου"]);
});

test("headline from og:title without the site suffix, h1 preferred when it matches", () => {
  const html = `<html><head><title>Νέα πλατεία στο κέντρο | Ο Παρατηρητής</title><meta property="og:site_name" content="Ο Παρατηρητής"></head>
    <body><h1>Νέα πλατεία στο κέντρο</h1>${BODY}</body></html>`;
  assert.equal(extractHtml(html)?.title, "Νέα πλατεία στο κέντρο");
});

test("broken JSON-LD is ignored; other sources still give the date", () => {
  const html = `<html lang="el"><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>
    <meta property="article:published_time" content="2024-01-09T08:00:00+02:00"></head><body><article>${BODY}</article></body></html>`;
  assert.equal(extractHtml(html)?.meta.published, "2024-01-09T08:00:00+02:00");
});

test("accented Greek capitals and diaeresis survive extraction unchanged", () => {
  const words = "Άλλοι Έλληνες Ήρθαν Ίσως Όταν Ύστερα Ώρα προϊόν Μαΐου ταΐζω ΐ ΰ ϊ ϋ";
  const html = `<html><body><article><p>${words}, και το κείμενο συνεχίζεται με αρκετές λέξεις ώστε να μετρήσει ως παράγραφος του άρθρου.</p>${BODY}</article></body></html>`;
  assert.ok(extractHtml(html)?.paragraphs[0].startsWith(words));
});
