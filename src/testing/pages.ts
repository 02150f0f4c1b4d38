// News pages written for the intake tests and benchmarks: an HTML article
// (headline, dated or not, with or without a canonical link) whose text is
// made distinct by its number, in Greek or English.
export interface PageSpec {
  /** Makes the text distinct: page n of a site. */
  n: number;
  lang?: "el" | "en";
  /** A date the page names itself (meta article:published_time). */
  published?: string;
  /** A <link rel="canonical"> the page names. */
  canonical?: string;
  /** Extra words appended to the body (a changed page). */
  edit?: string;
}

const GREEK = [
  "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των νοικοκυριών, με έμφαση στο κόστος της ενέργειας και των τροφίμων.",
  "«Θα συνεχίσουμε να στηρίζουμε όσους έχουν ανάγκη», δήλωσε ο υπουργός Οικονομικών μετά τη συνεδρίαση του υπουργικού συμβουλίου.",
  "Η αντιπολίτευση χαρακτήρισε τα μέτρα ανεπαρκή και ζήτησε τη σύγκληση της αρμόδιας επιτροπής της Βουλής το συντομότερο δυνατό.",
  "Σύμφωνα με την ανακοίνωση, τα μέτρα θα ισχύσουν από τον επόμενο μήνα και θα αφορούν περισσότερα από δύο εκατομμύρια νοικοκυριά.",
];
const ENGLISH = [
  "The government announced new measures on Tuesday to support households, focusing on the cost of energy and food.",
  "\"We will keep supporting those in need,\" the finance minister said after the cabinet meeting in the capital.",
  "The opposition called the measures inadequate and asked for the relevant parliamentary committee to meet as soon as possible.",
  "According to the announcement, the measures will apply from next month and cover more than two million households.",
];

export function pageTitle(spec: PageSpec): string {
  return spec.lang === "en" ? `Support measures, part ${spec.n}` : `Μέτρα στήριξης, μέρος ${spec.n}`;
}

/** An article page as HTML. */
export function articleHtml(spec: PageSpec): string {
  const lines = spec.lang === "en" ? ENGLISH : GREEK;
  const body = lines.map((p, i) => `<p>${p} (${spec.n}.${i + 1})</p>`).join("\n");
  const head = [
    `<meta charset="utf-8"><title>${pageTitle(spec)}</title>`,
    spec.published ? `<meta property="article:published_time" content="${spec.published}">` : "",
    spec.canonical ? `<link rel="canonical" href="${spec.canonical}">` : "",
  ].join("\n");
  return `<!doctype html><html lang="${spec.lang ?? "el"}"><head>${head}</head><body>
<header><nav><a href="/">Αρχική</a> <a href="/world">Κόσμος</a></nav></header>
<article><h1>${pageTitle(spec)}</h1>
${body}${spec.edit ? `\n<p>${spec.edit}</p>` : ""}
</article><footer>© news</footer></body></html>`;
}
