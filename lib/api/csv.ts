import { stringify } from "csv-stringify/sync";

// CSV exports are streamed page by page (keyset pages from the query layer), so a million-row
// list never sits in memory. csv-stringify does the quoting (RFC 4180).

export function csvResponse<T>(
  filename: string,
  columns: { key: string; header: string }[],
  pages: AsyncIterable<T[]>,
  cell: (row: T, key: string) => unknown,
): Response {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        if (first) controller.enqueue(encoder.encode(stringify([], { header: true, columns })));
        return controller.close();
      }
      const records = value.map((row) => Object.fromEntries(columns.map((c) => [c.key, cell(row, c.key)])));
      controller.enqueue(encoder.encode(stringify(records, { header: first, columns, cast: { boolean: (b) => String(b) } })));
      first = false;
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` },
  });
}
