import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileEncodingOf, NOT_UTF8, normaliseHeader, readRecords } from './file-reader.ts';

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

  it('decodes UTF-8 characters that a chunk boundary cuts (CSV and JSONL)', async () => {
    const csv = Buffer.from('\uFEFFid,party,purpose\n1,张三,工资发放\n2,李四 😀,房租\n', 'utf8');
    const jsonl = Buffer.from('{"id":"1","purpose":"工资发放"}\n{"id":"2","purpose":"房租 😀"}\n', 'utf8');
    // Every cut, one byte at a time: inside the BOM, each three-byte character and the four-byte emoji.
    const bytes = (b: Buffer) => Array.from({ length: b.length }, (_, i) => b.subarray(i, i + 1));
    const read = async (chunks: Buffer[], format: 'csv' | 'jsonl') => {
      const out = [];
      for await (const batch of readRecords(Readable.from(chunks), format, 100)) out.push(...batch.map((r) => r.data));
      return out;
    };
    expect(await read(bytes(csv), 'csv')).toEqual([{ id: '1', party: '张三', purpose: '工资发放' }, { id: '2', party: '李四 😀', purpose: '房租' }]);
    expect(await read([csv.subarray(0, 17), csv.subarray(17)], 'csv')).toEqual(await read([csv], 'csv'));
    expect(await read(bytes(jsonl), 'jsonl')).toEqual([{ id: '1', purpose: '工资发放' }, { id: '2', purpose: '房租 😀' }]);
  });

  it('marks a line that is not UTF-8 (a GBK file) instead of passing it on garbled', async () => {
    // "张三" in GBK (D5 C5 C8 FD): not UTF-8.
    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]);
    const csv = Buffer.concat([Buffer.from('id,party\n1,ok\n2,'), gbk, Buffer.from('\n')]);
    const jsonl = Buffer.concat([Buffer.from('{"id":"1"}\n{"id":"2","party":"'), gbk, Buffer.from('"}\n')]);
    const read = async (b: Buffer, format: 'csv' | 'jsonl') => {
      const out = [];
      for await (const batch of readRecords(Readable.from([b]), format, 100)) out.push(...batch);
      return out;
    };
    for (const records of [await read(csv, 'csv'), await read(jsonl, 'jsonl')]) {
      expect(records.map((r) => r.data.__parseError)).toEqual([undefined, NOT_UTF8]);
      expect(records[1].position).toBe(records[0].position + 1);
      expect(records[1].data.id).toBe('2');
    }
  });

  it('reads GB18030 / GBK files when told to, characters cut by chunk boundaries included', async () => {
    // "工资" and "张三" in GBK (two bytes each), cut one byte at a time.
    const gbk = (...b: number[]) => Buffer.from(b);
    const csv = Buffer.concat([Buffer.from('id,party,purpose\n1,'), gbk(0xd5, 0xc5, 0xc8, 0xfd), Buffer.from(','), gbk(0xb9, 0xa4, 0xd7, 0xca), Buffer.from('\n')]);
    const jsonl = Buffer.concat([Buffer.from('{"id":"1","purpose":"'), gbk(0xb9, 0xa4, 0xd7, 0xca), Buffer.from('"}\n')]);
    const read = async (b: Buffer, format: 'csv' | 'jsonl') => {
      const out = [];
      const chunks = Array.from({ length: b.length }, (_, i) => b.subarray(i, i + 1));
      for await (const batch of readRecords(Readable.from(chunks), format, 100, 'gb18030')) out.push(...batch.map((r) => r.data));
      return out;
    };
    expect(await read(csv, 'csv')).toEqual([{ id: '1', party: '张三', purpose: '工资' }]);
    expect(await read(jsonl, 'jsonl')).toEqual([{ id: '1', purpose: '工资' }]);
    expect(['UTF8', 'utf-8', 'GBK', 'gb2312', 'GB18030', 'latin1'].map(fileEncodingOf)).toEqual(['utf-8', 'utf-8', 'gb18030', 'gb18030', 'gb18030', undefined]);
  });

  it('marks a CSV row whose field count differs from the header', async () => {
    const [[r]] = await all('id,amount\n1,2,3\n', 'csv');
    expect(r.data.__parseError).toBe('line has 3 fields, the header has 2');
  });

  it('reads a JSONL file that starts with a byte-order mark', async () => {
    const [b] = await all('\uFEFF{"id":"1"}\n{"id":"2"}\n', 'jsonl');
    expect(b.map((r) => r.data)).toEqual([{ id: '1' }, { id: '2' }]);
  });

  it('keeps a JSONL line that is not a JSON object as a record with its parse error', async () => {
    const [b] = await all('{"id":"1"}\nnot json\n\n[1]\n', 'jsonl');
    expect(b.map((r) => r.position)).toEqual([1, 2, 4]);
    expect(b[1].data.__parseError).toMatch(/^invalid JSON/);
    expect(b[2].data.__parseError).toBe('line is not a JSON object');
  });
});
