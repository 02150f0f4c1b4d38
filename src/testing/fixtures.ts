// Articles written for the tests (Greek and English), and helpers to lay them
// out as files in a temporary folder.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const GREEK_PAGE = `Αθήνα: «Η συνεργασία με την Κύπρο θα συνεχιστεί», λέει ο υπουργός

Η στρατιωτική συνεργασία της Ελλάδας με την Κύπρο θα ενισχυθεί τους επόμενους μήνες, δήλωσε σήμερα ο Έλληνας υπουργός Άμυνας Νίκος Δημητρίου.

«Δεν υπάρχουν αλλαγές στα σχέδιά μας», τόνισε ο κ. Δημητρίου, όπως μετέδωσε το Αθηναϊκό Πρακτορείο. «Θα προχωρήσουμε όπως συμφωνήθηκε», πρόσθεσε.

Η Άγκυρα αντέδρασε με ανακοίνωση του υπουργείου Εξωτερικών της Τουρκίας, κάνοντας λόγο για «προκλητικές κινήσεις». Η Ρωσία δεν σχολίασε.

Ο Ταλαΐδης- Βέης, εκπρόσωπος της κυβέρνησης, πρόσθεσε ότι οι ασκήσεις θα γίνουν τον Οκτώβριο.

Δείτε επίσης

Νέοι κανόνες για τα ενοίκια από τον Ιανουάριο
Ο καιρός σήμερα: Ζέστη και άπνοια σε όλη τη χώρα
«Ούτε ένα βήμα πίσω»: Συνεχίζουν οι αγρότες
`;

export const ENGLISH_PAGE = `Port workers walk out over safety

Dock workers in Limassol walked out on Tuesday, demanding better safety rules after two accidents this year.

"We will not go back until the company listens," union leader Anna Georgiou told reporters. The operator said it regretted the decision.

Dr. Peter Hall, an economist, said the U.S. and European markets would feel the delays within days.

Read more

Ferry fares rise ahead of summer
New metro stations open in Athens
`;

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), "newsgraph-test-"));

  write(name: string, content: string | Uint8Array): string {
    const file = join(this.path, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  }

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
