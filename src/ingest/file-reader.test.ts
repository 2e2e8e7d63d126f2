import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { normaliseHeader, readRecords } from './file-reader.ts';

async function all(text: string | string[], format: 'csv' | 'jsonl', batch = 100) {
  const out = [];
  for await (const b of readRecords(Readable.from(Array.isArray(text) ? text : [text]), format, batch)) out.push(b);
  return out;
}

describe('file reader', () => {
  it('maps snake_case and spaced headers to the API field names', () => {
    expect(['debit_account', 'Debit Account', 'crossBorder', '\uFEFFid'].map(normaliseHeader)).toEqual(['debitAccount', 'debitAccount', 'crossBorder', 'id']);
  });

  it('streams CSV in batches with line numbers, across chunk boundaries, quotes, CRLF and blank lines', async () => {
    const csv = '\uFEFFid,purpose\r\n1,"rent, March"\r\n\r\n2,"said ""hi"""\n3,"two\nlines"\n4,plain';
    const batches = await all([csv.slice(0, 25), csv.slice(25, 40), csv.slice(40)], 'csv', 2);
    expect(batches.map((b) => b.length)).toEqual([2, 2]);
    expect(batches.flat()).toEqual([
      { position: 2, data: { id: '1', purpose: 'rent, March' } },
      { position: 4, data: { id: '2', purpose: 'said "hi"' } },
      { position: 5, data: { id: '3', purpose: 'two\nlines' } },
      { position: 6, data: { id: '4', purpose: 'plain' } },
    ]);
  });

  it('marks a CSV row whose field count differs from the header', async () => {
    const [[r]] = await all('id,amount\n1,2,3\n', 'csv');
    expect(r.data.__parseError).toBe('line has 3 fields, the header has 2');
  });

  it('keeps a JSONL line that is not a JSON object as a record with its parse error', async () => {
    const [b] = await all('{"id":"1"}\nnot json\n\n[1]\n', 'jsonl');
    expect(b.map((r) => r.position)).toEqual([1, 2, 4]);
    expect(b[1].data.__parseError).toMatch(/^invalid JSON/);
    expect(b[2].data.__parseError).toBe('line is not a JSON object');
  });
});
