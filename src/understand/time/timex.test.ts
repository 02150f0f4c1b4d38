import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Doc } from "../../doc/doc.js";
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
