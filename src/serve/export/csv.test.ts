import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseCsv } from "../../testing/csv.js";
import { csvCell, csvHeader, csvLine, type CsvColumn } from "./csv.js";

test("fields with commas, quotes and line breaks are quoted, quotes doubled", () => {
  assert.equal(csvCell("plain"), "plain");
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell('«Δεν» "no"'), '"«Δεν» ""no"""');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
  assert.equal(csvCell("cr\r"), '"cr\r"');
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
  assert.equal(csvCell(-1.5), "-1.5");
  assert.equal(csvCell(false), "false");
});

test("cells a spreadsheet would run as formulas are prefixed with a quote", () => {
  for (const f of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x","y")']) {
    const cell = csvCell(f);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    assert.equal(unquoted, `'${f}`, f);
  }
  assert.equal(csvCell("a=b"), "a=b", "only the first character counts");
});

test("a header and rows read back as written, Greek included", () => {
  type Row = { id: string; text: string; n: number | null };
  const columns: CsvColumn<Row>[] = [
    { name: "id", value: (r) => r.id },
    { name: "text", value: (r) => r.text },
    { name: "n", value: (r) => r.n },
  ];
  const rows: Row[] = [
    { id: "a1", text: "«Η Ελλάδα», είπε, \"όχι\"\nνέα γραμμή", n: 3 },
    { id: "a2", text: "=cmd|' /C calc'!A0", n: null },
  ];
  const text = csvHeader(columns) + rows.map((r) => csvLine(columns, r)).join("");
  assert.deepEqual(parseCsv(text), [
    ["id", "text", "n"],
    ["a1", rows[0].text, "3"],
    ["a2", `'${rows[1].text}`, ""],
  ]);
});
