import { strict as assert } from "node:assert";
import { test } from "node:test";
import { lineFeatures, markerOf, furnitureTables, pageLines } from "./page-lines.js";

const texts = (input: string) => pageLines(input).map((l) => l.text);

test("lines are trimmed, empty ones dropped, and offsets point into the page", () => {
  const page = "  Τίτλος άρθρου  \r\n\r\nΠρώτη παράγραφος.\n\n\tΔεύτερη.\n";
  const lines = pageLines(page);
  assert.deepEqual(lines.map((l) => l.text), ["Τίτλος άρθρου", "Πρώτη παράγραφος.", "Δεύτερη."]);
  for (const l of lines) assert.equal(page.slice(l.start, l.end), l.text);
  assert.deepEqual(pageLines(page, page.indexOf("Πρώτη")).map((l) => l.text), ["Πρώτη παράγραφος.", "Δεύτερη."]);
});

test("a line of millions of characters is one line, without exhausting the stack", () => {
  const body = "λέξη ".repeat(3_000_000).trim();
  const lines = pageLines(`Τίτλος\r${body}\r\nΤέλος`);
  assert.deepEqual(lines.map((l) => [l.start, l.end]), [[0, 6], [7, 7 + body.length], [9 + body.length, 14 + body.length]]);
});

test("a byline glued to the first word becomes a line of its own", () => {
  assert.deepEqual(texts("ΣύνταξηΗ κυβέρνηση ανακοίνωσε νέα μέτρα για τη στέγαση."), ["Σύνταξη", "Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στέγαση."]);
  assert.deepEqual(texts("Mary JonesWednesday, 5 March 2025"), ["Mary Jones", "Wednesday, 5 March 2025"]);
  const [byline, rest] = pageLines("Mary JonesWednesday, 5 March 2025");
  assert.equal(byline.glued, "prefix");
  assert.equal(rest.glued, "rest");
});

test("words with inner capitals are not split", () => {
  for (const line of ["YouTube removed the video on Monday after complaints.", "McDonald's opened a new branch in the town centre.", "Η εταιρεία PlayStation ανακοίνωσε νέα κονσόλα."]) {
    assert.deepEqual(texts(line), [line]);
  }
});

test("a byline and date glued to the end of a headline, and a closing credit note, are split off", () => {
  assert.deepEqual(texts("Harbour talks endLena Park - Aug 10, 2020"), ["Harbour talks end", "Lena Park - Aug 10, 2020"]);
  assert.deepEqual(texts("The bank left rates unchanged. (Reporting by Ann Lee; Editing by Bo Chan)"), ["The bank left rates unchanged.", "(Reporting by Ann Lee; Editing by Bo Chan)"]);
  assert.deepEqual(texts("The bank left rates unchanged (as expected)."), ["The bank left rates unchanged (as expected)."]);
});

test("markers: a marker line, and a marker or lead label before a headline", () => {
  const t = furnitureTables();
  assert.deepEqual(markerOf("ΔΕΙΤΕ ΕΠΙΣΗΣ", t), { marker: "ΔΕΙΤΕ ΕΠΙΣΗΣ", rest: "" });
  assert.deepEqual(markerOf("READ | Storm closes the ports", t), { marker: "READ |", rest: "Storm closes the ports" });
  assert.deepEqual(markerOf("Διαβάστε επίσης: Νέα μέτρα", t), { marker: "Διαβάστε επίσης:", rest: "Νέα μέτρα" });
  assert.equal(markerOf("Reading the report, the minister said little.", t), null);
});

test("features: shape, dates and times, separators, furniture kinds, distance to the first long paragraph", () => {
  const page = [
    "Πολιτική | 03.05.2021 10:15",
    "Νέα μέτρα για τη στέγαση των νέων",
    "Φωτογραφία αρχείου",
    "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στέγαση των νέων, με επιδότηση ενοικίου και χαμηλότοκα δάνεια για την αγορά πρώτης κατοικίας.",
    "Πηγή: ΑΠΕ-ΜΠΕ",
    "Δείτε επίσης",
  ].join("\n");
  const f = lineFeatures(pageLines(page));
  assert.ok(f[0].includes("sep:pipe") && f[0].includes("date") && f[0].includes("time") && f[0].includes("pos:first"));
  assert.ok(lineFeatures(pageLines("Αρχική > Ειδήσεις > Πολιτική\nHome > World"))[0].includes("pat:navigation"));
  assert.ok(f[1].includes("titlelike") && f[1].includes("para:before2") && f[1].includes("para:longestbefore") && f[1].includes("n:len2"));
  assert.ok(f[2].includes("pat:caption") && f[2].includes("para:before1"));
  assert.ok(f[3].includes("paragraph") && f[3].includes("para:first") && f[3].includes("end:sentence"));
  assert.ok(f[4].includes("pat:credit") && f[4].includes("para:after1"));
  assert.ok(f[5].includes("marker") && f[5].includes("pos:last") && f[5].includes("p:furniture"));
});

test("features: repeated lines and furniture of English pages", () => {
  const page = "Storm closes schools\nStorm closes schools\nLeave a Reply\nloading...\n- Advertisement -\nBy Jane Miller";
  const f = lineFeatures(pageLines(page));
  assert.ok(f[0].includes("repeat:first") && f[1].includes("repeat:later"));
  assert.ok(f[2].includes("pat:trailing") && f[3].includes("pat:trailing"));
  assert.ok(f[4].includes("pat:advert") && f[5].includes("pat:byline"));
});

test("features: digit share read over the whole line, month and weekday names in any case and accent", () => {
  const has = (line: string, name: string) => lineFeatures(pageLines(line))[0].includes(name);
  assert.ok(has("12 34 56 78 ab", "digits"));
  assert.ok(!has("12 abcdefgh", "digits"));
  // digits only at the end of a long line still count when they are most of it
  assert.ok(has(`${"α".repeat(70)} ${"1".repeat(200)}`, "digits"));
  assert.ok(!has(`${"1".repeat(60)} ${"α".repeat(200)}`, "digits"));
  for (const line of ["ΤΡΙΤΗ 5 ΜΑΪΟΥ", "Τρίτη, 5 Μαΐου 2025", "Σάββατο 12 Οκτωβρίου", "Tuesday 4 March 2025"]) assert.ok(has(line, "dateword"), line);
  assert.ok(!has("Χθες το απόγευμα στη Λευκωσία", "dateword"));
});
