import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../../doc/doc.js";
import { analyzeRaw } from "../../pipeline/analyze.js";
import { defaultPipeline } from "../../pipeline/default.js";
import { analyzeFixture } from "../fixtures/fixtures.js";

const values = (doc: Doc) => Object.fromEntries((doc.layers.timex ?? []).map((t) => [t.text, t.value]));

test("Greek absolute and relative expressions resolve against the publication date", () => {
  const doc = analyzeFixture(
    "Τίτλος\n\nΣήμερα μίλησε ο υπουργός. Χθες είχε συνάντηση και πέρυσι ταξίδεψε. Αυτόν τον μήνα και την περασμένη εβδομάδα έγιναν επαφές. " +
      "Η σύνοδος έγινε τον Φεβρουάριο του 2022 και η επόμενη στις 15 Οκτωβρίου. Τον Ιούνιο υπέγραψαν. Η απόφαση της 23/5/2020 ισχύει. " +
      "Τον Μάιο του 2021 και την Πέμπτη ήταν εκεί, πριν από τρεις ημέρες επίσης.",
    { lang: "el", published: "2023-09-21" },
  );
  assert.deepEqual(values(doc), {
    Σήμερα: "2023-09-21",
    Χθες: "2023-09-20",
    πέρυσι: "2022",
    "Αυτόν τον μήνα": "2023-09",
    "την περασμένη εβδομάδα": "2023-W37",
    "τον Φεβρουάριο του 2022": "2022-02",
    "15 Οκτωβρίου": "2023-10-15",
    "Τον Ιούνιο": "2023-06",
    "της 23/5/2020": "2020-05-23",
    "Τον Μάιο του 2021": "2021-05",
    "την Πέμπτη": "2023-09-21",
    "πριν από τρεις ημέρες": "2023-09-18",
  });
});

test("English expressions: weekday with date, last week, ago, month-day-year", () => {
  const doc = analyzeFixture(
    "Title\n\nOn Tuesday 15 October the talks opened. Last week the minister left, and three days ago he returned. " +
      "The deal of October 15, 2019 stands; next month a new one is due, as it was in 2018 and yesterday.",
    { lang: "en", published: "2024-10-17" },
  );
  assert.deepEqual(values(doc), {
    "Tuesday 15 October": "2024-10-15",
    "Last week": "2024-W41",
    "three days ago": "2024-10-14",
    "October 15, 2019": "2019-10-15",
    "next month": "2024-11",
    "2018": "2018",
    yesterday: "2024-10-16",
  });
});

test("a whole date in another language's words is a date; that language's month name alone is not", () => {
  const doc = analyzeFixture(
    "Τίτλος\n\nΗ ανάρτηση του υπουργού έγραφε «We stand together» — Minister (@minister) December 7, 2023. " +
      "Στο Λονδίνο η έκθεση May είχε επισκέπτες, όπως και τον Μάιο του 2021.",
    { lang: "el" },
  );
  assert.deepEqual(values(doc), { "December 7, 2023": "2023-12-07", "τον Μάιο του 2021": "2021-05" });
  const en = analyzeFixture("Title\n\nThe statement of 7 Δεκεμβρίου 2023 was read out in Athens.", { lang: "en" });
  assert.deepEqual(values(en), { "7 Δεκεμβρίου 2023": "2023-12-07" });
});

test("an expression after since / από is the start of a period; others are not", () => {
  const periodStarts = (doc: Doc) => (doc.layers.timex ?? []).filter((t) => t.periodStart).map((t) => t.text);
  const en = analyzeFixture("Title\n\nThe bank cut rates in June 2024, the first cut since September 2019 and since 2019 in all.", { lang: "en" });
  assert.deepEqual(periodStarts(en), ["September 2019", "2019"]);
  assert.equal(values(en)["June 2024"], "2024-06");
  const el = analyzeFixture("Τίτλος\n\nΗ τράπεζα μείωσε τα επιτόκια τον Ιούνιο του 2024, για πρώτη φορά από το 2019.", { lang: "el" });
  assert.deepEqual(periodStarts(el), ["το 2019"]);
});

test("without a publication date relative expressions stay relative and unanchored", () => {
  const doc = analyzeFixture("Τίτλος\n\nΣήμερα και πέρυσι, τον Ιούνιο, αυτόν τον μήνα, τον Αύγουστο του 2022.", { lang: "el" });
  const byText = Object.fromEntries((doc.layers.timex ?? []).map((t) => [t.text, [t.value, t.anchored]]));
  assert.deepEqual(byText, {
    Σήμερα: ["REF", false],
    πέρυσι: ["REF-1Y", false],
    "τον Ιούνιο": ["XXXX-06", false],
    "αυτόν τον μήνα": ["REF+0M", false],
    "τον Αύγουστο του 2022": ["2022-08", true],
  });
});

test("a month late in the year before an early publication date is last year's", () => {
  const doc = analyzeFixture("Τίτλος\n\nΤον Νοέμβριο υπέγραψαν.", { lang: "el", published: "2024-02-10" });
  assert.equal(doc.layers.timex?.[0]?.value, "2023-11");
});

test("a weekday in a clause put in the future is the next one; elsewhere the last", () => {
  // Friday 3 May 2024: the Thursday before is 2 May, the one after 9 May.
  const greek = analyzeFixture(
    "Τίτλος\n\nΟ πρωθυπουργός αναμένεται να μιλήσει για τα μέτρα την Πέμπτη. Ο υπουργός θα συναντήσει τους αγρότες την Τρίτη. Ο βουλευτής μίλησε την Τετάρτη.",
    { lang: "el", published: "2024-05-03" },
  );
  assert.deepEqual(values(greek), { "την Πέμπτη": "2024-05-09", "την Τρίτη": "2024-05-07", "την Τετάρτη": "2024-05-01" });
  const english = analyzeFixture("Title\n\nThe cabinet will meet on Thursday. The minister resigned on Tuesday, and he said he will leave on Wednesday.", { lang: "en", published: "2024-05-03" });
  assert.deepEqual(values(english), { Thursday: "2024-05-09", Tuesday: "2024-04-30", Wednesday: "2024-05-08" });
});

test("after the weekday, a future word counts only before the clause's next verb or subordinator (with POS tags)", () => {
  const tagged = (text: string) => {
    const doc = analyzeRaw({ source: "fixture", mediaType: "text/plain", text, hints: { lang: "en", published: "2024-05-08" } }, defaultPipeline());
    return values(doc);
  };
  assert.deepEqual(tagged("Title\n\nOn Thursday, the finance minister will present the plan to parliament.\n"), { Thursday: "2024-05-09" });
  assert.deepEqual(tagged("Title\n\nThe minister said on Tuesday that he will resign.\n"), { Tuesday: "2024-05-07" });
  assert.deepEqual(tagged("Title\n\nOn Monday, he said he will stay.\n"), { Monday: "2024-05-06" });
});
