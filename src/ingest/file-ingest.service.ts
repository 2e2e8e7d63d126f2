import type { Readable } from 'node:stream';
import type { IngestOptions, IngestService } from './ingest.service.ts';
import { readRecords, type FileFormat } from './file-reader.ts';

export interface FileProgress {
  bytesRead: number;
  bytesTotal: number;
  processed: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
}

/**
 * Records per committed batch of a file. Small batches die young: at 5,000 (and 1,000) a batch's
 * records outlived the young generation's collections and were copied out of it, and those
 * collections cost ~4x as much (CSV bench: 1.3 s against 0.28 s of scavenges for 300,000 rows;
 * 83,000-85,000 rows/s against 69,000-78,000). `outpost ingest` on a SQLite file (writer thread,
 * real scoring) measured the same within noise (28,000-31,000 records/s at 500, 30,000-31,700 at 5,000).
 */
export const FILE_BATCH_RECORDS = 500;

/**
 * Ingests a CSV/JSONL stream batch by batch. Each batch commits on its own, so a crash loses at
 * most the batch in flight (never an accepted one) and re-running the file is safe: ids already
 * stored come back as duplicates.
 */
export async function ingestStream(
  ingest: IngestService,
  input: Readable,
  bytesTotal: number,
  format: FileFormat,
  opts: Omit<IngestOptions, 'summaryOnly'>,
  onProgress?: (p: FileProgress) => void,
  batchSize = FILE_BATCH_RECORDS,
): Promise<FileProgress> {
  const p: FileProgress = { bytesRead: 0, bytesTotal, processed: 0, accepted: 0, duplicates: 0, quarantined: 0 };
  input.on('data', (chunk: Buffer | string) => { p.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length; });
  for await (const batch of readRecords(input, format, batchSize)) {
    const { summary } = await ingest.ingest(batch, { ...opts, summaryOnly: true });
    p.processed += batch.length;
    p.accepted += summary.accepted;
    p.duplicates += summary.duplicates;
    p.quarantined += summary.quarantined;
    onProgress?.({ ...p });
  }
  p.bytesRead = bytesTotal;
  onProgress?.({ ...p });
  return p;
}
