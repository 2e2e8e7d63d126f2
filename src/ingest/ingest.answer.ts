import { utf8Bytes } from '../shared/utf8-writer.ts';
import type { BatchSummary, RecordResult } from './ingest.types.ts';
import { hitHeadJson, hitTailJson } from './transaction.mapper.ts';

export type BatchAnswer = BatchSummary & { results: RecordResult[] };

/**
 * The answer to POST /transactions as UTF-8 JSON: the summary and each record's result, hits without
 * their evaluation traces (those stay on GET /transactions/{id}). Written here rather than by
 * JSON.stringify of answer objects: copying every hit without its trace and then walking the copies
 * cost ~5% of a batch of 1,000 where most records fire. Each record's text goes into bytes as
 * soon as it is made (utf8Bytes: one large string of mixed one- and two-byte pieces was slow to
 * flatten and was encoded twice on its way out). Same JSON as JSON.stringify of `{ ...summary, results }`
 * with each hit's trace left out (tested).
 */
export function batchAnswerBytes(a: BatchAnswer): Buffer {
  const { results, ...summary } = a;
  return utf8Bytes((write) => {
    write(`${JSON.stringify(summary).slice(0, -1)},"results":[`);
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r.status === 'quarantined') {
        write(`${i > 0 ? ',' : ''}${JSON.stringify(r)}`);
        continue;
      }
      let out = `${i > 0 ? ',' : ''}{"position":${r.position},"id":${JSON.stringify(r.id)},"status":"${r.status}","decision":"${r.decision}",`
        + `"score":${Number.isFinite(r.score) ? r.score : 'null'},"hits":[`;
      for (let j = 0; j < r.hits.length; j++) out += `${j > 0 ? ',' : ''}${hitHeadJson(r.hits[j])}${hitTailJson(r.hits[j])}`;
      write(`${out}]}`);
    }
    write(']}');
  });
}
