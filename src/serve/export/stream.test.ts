import { strict as assert } from "node:assert";
import { test } from "node:test";
import { parseCsv } from "../../testing/csv.js";
import { exportResponse, type ExportFormat } from "./stream.js";

interface Row {
  n: number;
  text: string;
}

/** A list of `total` rows served a page at a time, counting the pages read. */
function rows(total: number) {
  const all: Row[] = Array.from({ length: total }, (_, n) => ({ n, text: n % 2 ? "=1+1" : `«γραμμή» ${n}, "x"` }));
  const calls: [number, number][] = [];
  return {
    all,
    calls,
    page: async (offset: number, limit: number) => {
      calls.push([offset, limit]);
      return all.slice(offset, offset + limit);
    },
  };
}

const spec = async (format: ExportFormat, total: number, pageSize: number) => {
  const r = rows(total);
  const response = await exportResponse<Row>({ format, name: "rows", columns: [{ name: "n", value: (x) => x.n }, { name: "text", value: (x) => x.text }], page: r.page, pageSize });
  return { response, ...r };
};

test("a page the store refuses fails before the response is made", async () => {
  await assert.rejects(
    exportResponse({ format: "csv", name: "x", columns: [], page: async () => Promise.reject(new Error("bad query")) }),
    /bad query/u,
  );
});

test("every row is exported, page after page, in each format", async () => {
  for (const total of [0, 1, 7, 10, 23]) {
    const csv = await spec("csv", total, 5);
    const table = parseCsv(await csv.response.text());
    assert.deepEqual(table[0], ["n", "text"]);
    assert.equal(table.length - 1, total, `csv ${total}`);
    assert.deepEqual(csv.calls.map(([o]) => o), Array.from({ length: Math.floor(total / 5) + 1 }, (_, i) => i * 5));
    const nd = await spec("ndjson", total, 5);
    const lines = (await nd.response.text()).split("\n").filter((l) => l);
    assert.deepEqual(lines.map((l) => JSON.parse(l)), nd.all, `ndjson ${total}`);
    const json = await spec("json", total, 5);
    assert.deepEqual(JSON.parse(await json.response.text()), json.all, `json ${total}`);
  }
});

test("an export is an attachment with its media type and file name", async () => {
  const { response } = await spec("csv", 3, 2);
  assert.equal(response.headers.get("content-type"), "text/csv; charset=utf-8; header=present");
  assert.equal(response.headers.get("content-disposition"), 'attachment; filename="rows.csv"');
  assert.equal((await spec("ndjson", 1, 2)).response.headers.get("content-type"), "application/x-ndjson; charset=utf-8");
  await response.body?.cancel();
});

test("pages are read as the stream is read, not all at once", async () => {
  const { response, calls } = await spec("ndjson", 100, 10);
  const reader = response.body!.getReader();
  await reader.read();
  assert.ok(calls.length <= 2, `${calls.length} pages read for the first chunk`);
  await reader.cancel();
});
