import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { RawRecord } from './ingest.types.ts';
import { isPlainObject } from '../shared/objects.ts';

export type FileFormat = 'csv' | 'jsonl';

/**
 * Text encodings a file may be read in: UTF-8, or GB18030, which covers GBK and GB2312 (what Excel
 * saves CSV in on Chinese-locale Windows). Decoded by the runtime's ICU (TextDecoder).
 */
export const FILE_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

/** The encoding a user named (`UTF8`, `gbk`, `GB2312`, …), or undefined when it is not one Outpost reads. */
export function fileEncodingOf(name: string): FileEncoding | undefined {
  const n = name.trim().toLowerCase().replace(/[_\s]/g, '-');
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (n === 'gb18030' || n === 'gbk' || n === 'gb2312' || n === 'cp936') return 'gb18030';
  return undefined;
}

/**
 * A file's text as decoded strings, chunk by chunk. Byte chunks end anywhere, also inside a
 * character: the decoder holds an incomplete sequence back until the next chunk (each chunk decoded
 * alone turned a Chinese character cut by a chunk boundary into U+FFFD: 9 of 200,000 CSV records of a
 * 4 MB file, silently, until 2026-12-07).
 */
async function* decoded(input: Readable, encoding: FileEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

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
 * A line holding U+FFFD, what bytes that are not UTF-8 decode to: quarantined rather than stored
 * garbled (Excel in Chinese locales saves CSV as GBK / GB18030 by default).
 */
export const NOT_UTF8 = 'line holds U+FFFD, the mark of bytes that are not text in the file\'s encoding (UTF-8 unless chosen; a file saved as GBK or GB18030?): read the file as GB18030 or save it as UTF-8, and send the line again';

/**
 * Streams a CSV or JSONL source as batches of records with their line numbers, so files of any
 * size are ingested in constant memory. CSV positions count records with the header as 1 (the
 * line number when no quoted field spans lines). A JSONL line that is not a JSON object becomes a record
 * carrying `__parseError`, which the caller quarantines like any other invalid record.
 */
export async function* readRecords(input: Readable, format: FileFormat, batchSize: number, encoding: FileEncoding = 'utf-8'): AsyncGenerator<RawRecord[]> {
  let batch: RawRecord[] = [];
  const text = Readable.from(decoded(input, encoding));
  if (format === 'csv') {
    let header: string[] | null = null;
    // Every field of the header, empty: a record is a copy of it with the row's values stored over
    // them, so each record is created with all its properties at once instead of growing one
    // property at a time (GC was a fifth of file ingest's time).
    let template: Record<string, unknown> = {};
    let line = 0;
    for await (const { rows, undecodable } of csvRowChunks(text)) {
      for (const row of rows) {
        line++;
        if (row.length === 1 && row[0] === '') continue;
        if (header === null) {
          header = row.map(normaliseHeader);
          template = Object.fromEntries(header.map((h) => [h, '']));
          continue;
        }
        let data: Record<string, unknown>;
        if (row.length === header.length) {
          data = { ...template };
          for (let i = 0; i < row.length; i++) data[header[i]] = row[i].trim();
        } else {
          data = {};
          for (let i = 0; i < Math.min(header.length, row.length); i++) data[header[i]] = row[i].trim();
          data.__parseError = `line has ${row.length} fields, the header has ${header.length}`;
        }
        if (undecodable && row.some((f) => f.includes('\uFFFD'))) data.__parseError = NOT_UTF8;
        batch.push({ position: line, data });
        if (batch.length >= batchSize) { yield batch; batch = []; }
      }
    }
  } else {
    const rl = readline.createInterface({ input: text, crlfDelay: Infinity });
    let line = 0;
    for await (const raw of rl) {
      line++;
      // A byte-order mark before the first line (Windows editors write one) is not part of the record.
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      let data: Record<string, unknown>;
      try {
        const v: unknown = JSON.parse(text);
        data = isPlainObject(v) ? v : { __parseError: 'line is not a JSON object', __raw: text };
        if (text.includes('\uFFFD')) data = { ...data, __parseError: NOT_UTF8 };
      } catch (e) {
        data = { __parseError: `invalid JSON: ${(e as Error).message}`, __raw: text.slice(0, 2_000) };
      }
      batch.push({ position: line, data });
      if (batch.length >= batchSize) { yield batch; batch = []; }
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Splits a text stream into runs of complete CSV records (cut at a newline outside quotes) and
 * parses each run with PapaParse, which measured ~5x faster than csv-parse here; its own Node
 * stream mode was far slower on large chunks, hence this small splitter.
 */
async function* csvRowChunks(input: AsyncIterable<string>): AsyncGenerator<{ rows: string[][]; undecodable: boolean }> {
  let carry = '';
  let first = true;
  for await (const chunk of input) {
    let text = carry + chunk;
    if (first && text !== '') { text = text.replace(/^\uFEFF/, ''); first = false; }
    const cut = lastRecordEnd(text);
    if (cut < 0) { carry = text; continue; }
    carry = text.slice(cut + 1);
    const complete = text.slice(0, cut);
    yield { rows: parseCsv(complete), undecodable: complete.includes('\uFFFD') };
  }
  if (carry.trim() !== '') yield { rows: parseCsv(carry), undecodable: carry.includes('\uFFFD') };
}

/**
 * Where the last complete record of `text` ends (its newline), or -1. Without quotes that is the
 * last newline, found natively; with quotes, the last newline outside them (a character scan,
 * which cost ~0.5 µs a row when it ran on every chunk).
 */
function lastRecordEnd(text: string): number {
  if (text.indexOf('"') < 0) return text.lastIndexOf('\n');
  let quotes = 0;
  let cut = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quotes++;
    else if (ch === 10 && (quotes & 1) === 0) cut = i;
  }
  return cut;
}

/**
 * Parses complete CSV records. Text without a quote character is plain lines of comma-separated
 * fields, which native splitting parses exactly: 0.6 µs a row of 17 fields against 1.6-1.8 through
 * PapaParse (whose own quote-free fast mode splits the same way but costs more per row); quoted
 * text goes to PapaParse.
 */
function parseCsv(text: string): string[][] {
  const rows = text.indexOf('"') < 0 ? text.split('\n').map((line) => line.split(',')) : Papa.parse<string[]>(text, { header: false, newline: '\n' }).data;
  for (const r of rows) {
    const last = r.length - 1;
    if (last >= 0 && r[last].endsWith('\r')) r[last] = r[last].slice(0, -1);
  }
  return rows;
}

/**
 * A file as a stream of 256 KiB chunks: a chunk's rows are parsed at once and live until their
 * batch commits, so 1 MiB chunks (~7,000 rows) kept more alive than a batch holds (see
 * FILE_BATCH_RECORDS), and smaller ones cost more reads through the thread pool.
 */
export function openFile(file: string): { stream: fs.ReadStream; size: number } {
  const size = fs.statSync(file).size;
  return { stream: fs.createReadStream(file, { highWaterMark: 1 << 18 }), size };
}
