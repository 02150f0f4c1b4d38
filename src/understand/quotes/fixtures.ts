// Articles written for the quotation tests: a Greek and an English one with
// direct, reported and content-first quotations, pro-drop and pronouns, short
// and upper-case mentions (accents, diaeresis, final sigma), described sources,
// source chains, a quoted fragment after a speech verb, and a title in quote
// marks that is not a statement.

export const GREEK_ARTICLE = `Αθήνα: «Δεν θα υποχωρήσουμε», λέει ο Έλληνας υπουργός

Η κυβέρνηση δεν θα αλλάξει τη στάση της στο μεταναστευτικό, δήλωσε σήμερα ο Έλληνας υπουργός Μετανάστευσης Άρης Ευαγγελίου, μετά τη συνάντηση με τους ομολόγους του.

«Οι Ευρωπαίοι εταίροι μας οφείλουν να δείξουν αλληλεγγύη», τόνισε ο Ευαγγελίου, όπως μετέδωσε το πρακτορείο ΑΠΕ. «Η Ελλάδα δεν μπορεί να σηκώσει μόνη το βάρος», πρόσθεσε.

Ο εκπρόσωπος της Κομισιόν Γιάννης Αϊβάζογλου είπε ότι οι Βρυξέλλες εξετάζουν νέα μέτρα, αλλά αρνήθηκε ότι υπάρχει σχέδιο για ποσοστώσεις.

Αξιωματούχος του Λευκού Οίκου δήλωσε ότι οι ΗΠΑ παρακολουθούν στενά την κατάσταση.

Οι αγρότες ζητούν «δίκαιες τιμές» και τη στήριξη της «Πράσινης Συμφωνίας».

Ο κ. ΑΪΒΑΖΟΓΛΟΥ σημείωσε: «Θα ζητήσουμε έκτακτη σύνοδο αν χρειαστεί».
`;

export const ENGLISH_ARTICLE = `Talks stall as union rejects offer

The union representing rail workers on Tuesday rejected the latest pay offer, saying that it fell far short of inflation.

"This offer is an insult to our members," general secretary Mick Lawson told Reuters. "We will not accept it."

Transport Secretary Helen Ward said the government had made a fair and final offer, according to the BBC.

A senior government official, who asked not to be named, said talks could resume next week.

Lawson denied that the union had walked away from negotiations. He added that strikes would go ahead.

Commuters complained about "chaos" at the stations.

The dispute will cost the economy 500 million pounds a week, the Financial Times reported, citing people familiar with the talks.
`;
