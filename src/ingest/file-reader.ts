import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { RawRecord } from './ingest.types.ts';

export type FileFormat = 'csv' | 'jsonl';

export function formatOf(fileName: string): FileFormat | undefined {
  const n = fileName.toLowerCase();
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson')) return 'jsonl';
  return undefined;
}

/** snake_case and spaced headers (`debit_account`, `Debit Account`) map to the API's camelCase. */
export function normaliseHeader(h: string): string {
  const t = h.trim().replace(/^\uFEFF/, '');
  return t.replace(/[_\s-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^[A-Z]/, (c) => c.toLowerCase());
}

/**
 * Streams a CSV or JSONL source as batches of records with their line numbers, so files of any
 * size are ingested in constant memory. A JSONL line that is not a JSON object becomes a record
 * carrying `__parseError`, which the caller quarantines like any other invalid record.
 */
export async function* readRecords(input: Readable, format: FileFormat, batchSize: number): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  if (format === 'csv') {
    const parser = input.pipe(parse({
      columns: (header: string[]) => header.map(normaliseHeader),
      bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, info: true,
    }));
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      batch.push({ position: row.info.lines, data: row.record });
      if (batch.length >= batchSize) { yield batch; batch = []; }
    }
  } else {
    const rl = readline.createInterface({ input, crlfDelay: Infinity });
    let line = 0;
    for await (const text of rl) {
      line++;
      if (text.trim() === '') continue;
      let data: Record<string, unknown>;
      try {
        const v: unknown = JSON.parse(text);
        data = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { __parseError: 'line is not a JSON object', __raw: text };
      } catch (e) {
        data = { __parseError: `invalid JSON: ${(e as Error).message}`, __raw: text.slice(0, 2_000) };
      }
      batch.push({ position: line, data });
      if (batch.length >= batchSize) { yield batch; batch = []; }
    }
  }
  if (batch.length > 0) yield batch;
}

export function openFile(file: string): { stream: fs.ReadStream; size: number } {
  const size = fs.statSync(file).size;
  return { stream: fs.createReadStream(file, { highWaterMark: 1 << 20 }), size };
}
