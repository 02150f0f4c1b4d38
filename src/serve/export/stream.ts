// Exports that are never capped: the rows of a list are read from the store a
// page at a time and written out as they come (CSV, NDJSON or one JSON array),
// so an export of any size holds one page in memory. The response is an
// attachment with a file name; a failure after the first bytes ends the stream
// early (the status is sent by then).
import { CSV_MEDIA_TYPE, csvHeader, csvLine, type CsvColumn } from "./csv.js";

export const EXPORT_FORMATS = ["json", "csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Rows read from the store per page of an export. */
export const EXPORT_PAGE_SIZE = 500;

const MEDIA_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: CSV_MEDIA_TYPE,
  ndjson: "application/x-ndjson; charset=utf-8",
};

export interface ExportSpec<T> {
  format: ExportFormat;
  /** The file name offered, without its extension (ASCII letters, digits and dashes). */
  name: string;
  /** The CSV columns (JSON and NDJSON write each row whole). */
  columns: readonly CsvColumn<T>[];
  /** One page of rows from `offset`; a page shorter than `limit` is the last. */
  page: (offset: number, limit: number) => Promise<T[]>;
  pageSize?: number;
}

/** The text of an export, piece by piece: a header, then each page's rows as they are read. */
export async function* exportChunks<T>(spec: ExportSpec<T>): AsyncGenerator<string> {
  const pageSize = spec.pageSize ?? EXPORT_PAGE_SIZE;
  if (spec.format === "csv") yield csvHeader(spec.columns);
  if (spec.format === "json") yield "[";
  let first = true;
  for (let offset = 0; ; offset += pageSize) {
    const rows = await spec.page(offset, pageSize);
    let chunk = "";
    for (const row of rows) {
      if (spec.format === "csv") chunk += csvLine(spec.columns, row);
      else if (spec.format === "ndjson") chunk += `${JSON.stringify(row)}\n`;
      else {
        chunk += `${first ? "\n" : ",\n"}${JSON.stringify(row)}`;
        first = false;
      }
    }
    if (chunk) yield chunk;
    if (rows.length < pageSize) break;
  }
  if (spec.format === "json") yield "\n]\n";
}

/**
 * A streamed attachment of every row of a list. The first page is read before
 * the response is made, so a query the store refuses is still an error
 * response, not a broken download.
 */
export async function exportResponse<T>(spec: ExportSpec<T>): Promise<Response> {
  const pageSize = spec.pageSize ?? EXPORT_PAGE_SIZE;
  const first = await spec.page(0, pageSize);
  const chunks = exportChunks({ ...spec, pageSize, page: (offset, limit) => (offset === 0 ? Promise.resolve(first) : spec.page(offset, limit)) });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": MEDIA_TYPES[spec.format],
      "content-disposition": `attachment; filename="${spec.name}.${spec.format}"`,
      "cache-control": "no-store",
    },
  });
}
