// Invented labelled pages for the line classifier of plain-text pages: each page
// is put together from invented headlines, sentences and page furniture of one
// language (menus, section and date lines, bylines — sometimes glued to the first
// word —, captions, adverts, credits, share prompts, comment forms, related blocks
// with and without a marker, excerpts that start mid-article), with the same
// labels the hand-checked pages carry: title, first and last characters of the
// body, related items. A seeded generator makes the same pages every time.

export interface SyntheticPage {
  id: string;
  text: string;
  title: string | null;
  body_start: string;
  body_end: string;
  related: { marker: string | null; items: string[] } | null;
}

interface Pools {
  navigation: string[];
  dates: string[];
  headlines: string[];
  sentences: string[];
  bylines: string[];
  gluedBylines: string[];
  captions: string[];
  adverts: string[];
  credits: string[];
  /** Credits in parentheses closing the last paragraph. */
  notes: string[];
  /** A line ending in a colon that introduces a quotation, and the quotation. */
  introductions: [string, string][];
  trailing: string[];
  markers: string[];
  inlineMarkers: string[];
  authors: string[];
}

const POOLS: Pools[] = [
  {
    navigation: ["Αρχική > Ειδήσεις > Πολιτική", "ΠΟΛΙΤΙΚΗ", "Οικονομία", "Κοινωνία", "Μενού", "Αναζήτηση", "Ακολουθήστε μας", "• Ελλάδα", "18°C Πάφος", "ΤΟΠΙΚΑ"],
    dates: ["Πολιτική | 03.05.2021 10:15", "Τετάρτη, 12 Μαρτίου 2025, 09:40", "ΚΥΡ 7/9/24 | 21:05", "12.11.2023 - 18:32", "Ενημερώθηκε: 14:10", "Δευτέρα 2 Ιουνίου 2025"],
    headlines: [
      "Νέο σχέδιο για τα λεωφορεία της Λάρισας", "Κλειστά τα σχολεία λόγω κακοκαιρίας στη Χαλκιδική", "Ο δήμαρχος Σερρών για τα έργα στην πλατεία",
      "Αυξάνεται το επίδομα θέρμανσης: Ποιοι το δικαιούνται", "Φωτιά σε αποθήκη στη Βιομηχανική Περιοχή", "Συμφωνία για το νέο λιμάνι της Ρόδου",
      "«Δεν θα κάνουμε πίσω»: Οι αγρότες στους δρόμους", "Πρεμιέρα για το φεστιβάλ κινηματογράφου της Δράμας", "Στα ύψη οι τιμές στα ακίνητα της Λεμεσού",
      "Ανακαλύφθηκε αρχαίο ψηφιδωτό στην Κω", "Διακοπές ρεύματος την Πέμπτη σε τρεις γειτονιές", "Η ομάδα μπάσκετ προκρίθηκε στον τελικό",
    ],
    sentences: [
      "Το δημοτικό συμβούλιο ενέκρινε χθες το βράδυ το νέο σχέδιο για τις συγκοινωνίες της πόλης, μετά από πολύωρη συζήτηση.",
      "Σύμφωνα με την ανακοίνωση του υπουργείου, τα μέτρα θα ισχύσουν από την 1η Ιανουαρίου και θα αφορούν όλες τις περιφέρειες.",
      "«Οι πολίτες θα δουν τη διαφορά από τον πρώτο μήνα», δήλωσε ο αντιδήμαρχος Τεχνικών Υπηρεσιών.",
      "Οι κάτοικοι της περιοχής ζητούν εδώ και χρόνια περισσότερα δρομολόγια και καλύτερο φωτισμό στις στάσεις.",
      "Η πυροσβεστική έσπευσε στο σημείο με έξι οχήματα και δεκαοκτώ πυροσβέστες, ενώ δεν αναφέρθηκαν τραυματισμοί.",
      "Ο πρόεδρος του συλλόγου τόνισε ότι η απόφαση ήταν αναγκαία για την ασφάλεια των μαθητών.",
      "Το κόστος του έργου ανέρχεται σε 4,2 εκατ. ευρώ και θα καλυφθεί κατά το μεγαλύτερο μέρος από ευρωπαϊκά κονδύλια.",
      "Νωρίτερα, η εταιρεία είχε ανακοινώσει ότι οι εργασίες θα ολοκληρωθούν μέσα στο καλοκαίρι.",
      "Η αστυνομία ερευνά τα αίτια του περιστατικού και καλεί όποιον έχει πληροφορίες να επικοινωνήσει με το τοπικό τμήμα.",
      "Οι διοργανωτές αναμένουν περισσότερους από δέκα χιλιάδες επισκέπτες κατά τη διάρκεια του τριημέρου.",
      "«Είναι μια μεγάλη μέρα για όλους μας», ανέφερε ο προπονητής μετά τη λήξη του αγώνα.",
      "Στη σύσκεψη συμμετείχαν εκπρόσωποι των φορέων, της περιφέρειας και των επαγγελματικών ενώσεων.",
      "Η ανεργία στην περιοχή μειώθηκε κατά δύο μονάδες σε σχέση με την αντίστοιχη περίοδο του προηγούμενου έτους.",
      "Οι αρχαιολόγοι εκτιμούν ότι το εύρημα χρονολογείται στον τέταρτο αιώνα μ.Χ.",
      "Το υπουργείο Υγείας συστήνει στους πολίτες να αποφεύγουν τις μετακινήσεις τις μεσημεριανές ώρες.",
      "Ο βουλευτής του νομού κατέθεσε ερώτηση στη Βουλή για τις καθυστερήσεις στο έργο.",
    ],
    bylines: ["Σύνταξη: Newsroom", "Γράφει η Μαρία Κωνσταντίνου", "Επιμέλεια: Νίκος Αλεξίου", "Του Γιώργου Παπαδάκη", "ΓΡΑΦΕΙ: ΟΜΑΔΑ ΣΥΝΤΑΞΗΣ"],
    gluedBylines: ["Σύνταξη", "Newsroom", "Ελένη Μαυρίδου", "Κώστας Ιωάννου"],
    captions: ["Ο δήμαρχος της πόλης. Φωτογραφία αρχείου", "Πηγή εικόνας: ΑΠΕ", "Φωτο: Eurokinissi", "Στιγμιότυπο από τη σύσκεψη (φωτογραφία: Γ. Αλεξίου)"],
    adverts: ["ΔΙΑΦΗΜΙΣΗ", "- Διαφήμιση -", "- Χορηγούμενη -", "ΔΙΑΦΗΜΙΣΤΙΚΟΣ ΧΩΡΟΣ"],
    introductions: [
      ["Ακολουθεί η ανακοίνωση του συλλόγου:", "«Ο σύλλογος ζητά από τις αρχές να λάβουν άμεσα μέτρα για την ασφάλεια των κατοίκων.»"],
      ["Αναλυτικά οι δηλώσεις του δημάρχου:", "«Θα συνεχίσουμε τις προσπάθειες μέχρι να ολοκληρωθεί το έργο, όπως δεσμευτήκαμε.»"],
    ],
    notes: ["(ΑΠΕ-ΜΠΕ)", "(Πληροφορίες από ΚΥΠΕ)"],
    credits: ["Πηγή: ΑΠΕ-ΜΠΕ", "ΚΥΠΕ", "Πηγή: ertnews.gr", "Με πληροφορίες από το Reuters", "Τελευταία Ενημέρωση: 14:32"],
    trailing: ["ΣΧΟΛΙΑ", "Αφήστε ένα σχόλιο", "Κοινοποιήστε", "Ακολουθήστε μας στο Google News", "Εγγραφείτε στο newsletter μας", "Ετικέτες:", "Φόρτωση...", "Copyright © 2025 Όλα τα δικαιώματα διατηρούνται"],
    markers: ["Δείτε επίσης", "ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ", "Σχετικά άρθρα", "Δείτε ακόμη:", "Περισσότερα"],
    inlineMarkers: ["Διαβάστε επίσης:", "ΔΕΙΤΕ ΕΠΙΣΗΣ:"],
    authors: ["Ελένη Μ.", "Newsroom", "Γιώργος Π."],
  },
  {
    navigation: ["Home > World > Europe", "WORLD", "Politics", "Business", "Menu", "Search", "Skip to content", "Follow us", "Home", "Local News"],
    dates: ["Politics | 03.05.2021 10:15", "Tuesday, 4 March 2025", "Updated: 5:42 PM EST, Mon June 2, 2025", "12/03/2024 - 14:20", "March 12, 2025 / 9:40 AM", "Published 14:10 GMT"],
    headlines: [
      "City council approves new bus routes for the east side", "Storm closes schools across the region", "Mayor defends spending on the new stadium",
      "Heating allowance rises: who qualifies", "Fire breaks out at warehouse near the port", "Deal reached on the new harbour terminal",
      "\"We will not back down\": farmers block highway", "Film festival opens with record attendance", "Rents climb again in the capital",
      "Roman mosaic found under car park", "Power cuts planned for three districts on Thursday", "Home side reaches the cup final",
    ],
    sentences: [
      "The city council approved the new transport plan late on Tuesday after a debate that lasted more than five hours.",
      "According to a statement from the ministry, the measures will apply from January 1 and will cover every region.",
      "\"Residents will see the difference from the first month,\" the deputy mayor said.",
      "People living in the area have asked for more frequent services and better lighting at bus stops for years.",
      "Firefighters sent six engines and eighteen crew to the scene, and no injuries were reported.",
      "The head of the parents' association said the decision was needed to keep pupils safe.",
      "The project will cost 4.2 million euros, most of it covered by European funds.",
      "Earlier, the company had said the work would be finished by the summer.",
      "Police are investigating the cause of the incident and have asked anyone with information to come forward.",
      "Organisers expect more than ten thousand visitors over the three days of the event.",
      "\"It is a big day for all of us,\" the coach told reporters after the final whistle.",
      "Representatives of the region, local businesses and trade unions attended the meeting.",
      "Unemployment in the area fell by two points compared with the same period last year.",
      "Archaeologists believe the find dates from the fourth century AD.",
      "The health ministry advised people to avoid travelling during the hottest hours of the day.",
      "The local member of parliament has asked the minister to explain the delays.",
    ],
    bylines: ["By Jane Miller", "Written by Tom Baker", "Reuters Staff", "Newsroom", "Posted by admin", "5 min read"],
    gluedBylines: ["Jane Miller", "Tom Baker", "Newsroom", "Sarah O'Neil"],
    captions: ["Photo: Reuters/John Smith", "The mayor speaking on Monday. File photo", "Image: Getty Images", "Photo by Anna Lee, CC BY 2.0"],
    adverts: ["Advertisement", "- Advertisement -", "Sponsored", "ADVERTISEMENT"],
    introductions: [
      ["The statement in full:", "\"The association calls on the authorities to act at once to keep residents safe.\""],
      ["Here is what the mayor said:", "\"We will keep working until the project is finished, as we promised.\""],
    ],
    notes: ["(Reporting by Jane Doe; Editing by Tom Smith)", "(Additional reporting by Mark Lee)"],
    credits: ["(Reporting by Jane Doe; Editing by Tom Smith)", "Source: AP", "This content was originally published on the Daily Post.", "Additional reporting by Mark Lee"],
    trailing: ["Leave a Reply", "Recent Posts", "Share this:", "Tweet", "Email", "Loading...", "Subscribe to our newsletter", "Your email address will not be published.", "Like this:", "Comments"],
    markers: ["Read more", "RELATED", "You may also like", "More stories", "See also:"],
    inlineMarkers: ["Read also:", "READ |", "See also:"],
    authors: ["Jane Doe", "Panos K.", "Tom B."],
  },
];

/** A small seeded generator (mulberry32), so the pages are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPET = 40;
const MONTHS = ["Jan", "Mar", "Aug", "Oct"];

export interface SyntheticOptions {
  /** Pages per language. */
  pages?: number;
  seed?: number;
}

/** The invented labelled pages, `pages` per language. */
export function syntheticPages(options: SyntheticOptions = {}): SyntheticPage[] {
  const { pages = 40, seed = 7 } = options;
  const rnd = random(seed);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const some = <T,>(xs: T[], lo: number, hi: number): T[] => Array.from({ length: lo + Math.floor(rnd() * (hi - lo + 1)) }, () => pick(xs));
  const out: SyntheticPage[] = [];
  POOLS.forEach((p, lang) => {
    for (let n = 0; n < pages; n++) {
      const lines: string[] = [];
      const excerpt = chance(0.25);
      if (!excerpt) lines.push(...some([...p.navigation, ...p.dates, ...p.adverts], 0, 3));
      const title = excerpt ? null : pick(p.headlines);
      if (title) lines.push(title);
      if (title) lines.push(...some([...p.bylines, ...p.dates, ...p.captions], 0, 3));
      if (title && chance(0.15)) lines.push(title);
      // Sentences without repeats, so that the body's first and last characters occur once.
      const deck = [...p.sentences].sort(() => rnd() - 0.5);
      const paragraphs = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => deck.splice(0, 1 + Math.floor(rnd() * 2)).join(" ")).filter((x) => x !== "");
      if (excerpt && chance(0.5)) paragraphs[0] = paragraphs[0].charAt(0).toLowerCase() + paragraphs[0].slice(1);
      let first = paragraphs[0];
      if (title && chance(0.25)) {
        first = `${pick(p.gluedBylines)}${paragraphs[0]}`;
        if (chance(0.5)) first = `${pick(p.gluedBylines)}${pick(p.dates)} ${paragraphs[0]}`;
      }
      const bodyStart = paragraphs[0];
      const body = [first, ...paragraphs.slice(1)];
      if (chance(0.3)) body.splice(1 + Math.floor(rnd() * (body.length - 1)), 0, ...pick(p.introductions));
      if (chance(0.2)) body.splice(1 + Math.floor(rnd() * (body.length - 1)), 0, pick(p.adverts));
      if (chance(0.25)) body.splice(1 + Math.floor(rnd() * (body.length - 1)), 0, pick(p.captions));
      const items: string[] = [];
      let marker: string | null = null;
      if (chance(0.15) && body.length > 2) {
        marker = pick(p.inlineMarkers);
        const item = pick(p.headlines.filter((h) => h !== title));
        items.push(item);
        body.splice(2, 0, `${marker} ${item}`);
      }
      const truncated = excerpt && chance(0.5);
      if (truncated) body[body.length - 1] = body[body.length - 1].slice(0, Math.max(SNIPPET + 10, Math.floor(body[body.length - 1].length * 0.6)));
      const bodyEnd = body[body.length - 1];
      if (!truncated && chance(0.15)) body[body.length - 1] = `${bodyEnd} ${pick(p.notes)}`;
      lines.push(...body);
      if (!truncated) {
        if (chance(0.4)) lines.push(pick(p.credits));
        lines.push(...some(p.trailing, 0, 2));
        if (chance(0.5) && marker === null) {
          const others = some(p.headlines.filter((h) => h !== title), 2, 5).filter((h, i, xs) => xs.indexOf(h) === i);
          if (chance(0.6)) {
            marker = pick(p.markers);
            lines.push(marker, ...others);
          } else {
            for (const h of others) {
              lines.push(`${h}${pick(p.authors)} - ${pick(MONTHS)} ${1 + Math.floor(rnd() * 28)}, 20${20 + Math.floor(rnd() * 6)}`);
              if (chance(0.7)) lines.push(`${pick(p.sentences).slice(0, 70)}…`);
            }
          }
          items.push(...others);
          // A related block often ends the scraped page.
          if (chance(0.4)) lines.push(...some(p.trailing, 1, 2));
        }
      }
      const text = lines.join(chance(0.5) ? "\n\n" : "\n");
      out.push({
        id: `synthetic-${lang}-${n}`,
        text,
        title,
        body_start: bodyStart.slice(0, SNIPPET),
        body_end: bodyEnd.slice(-SNIPPET),
        related: items.length > 0 ? { marker, items } : null,
      });
    }
  });
  return out;
}
