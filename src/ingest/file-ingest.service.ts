import type { Readable } from 'node:stream';
import type { IngestOptions, IngestService } from './ingest.service.ts';
import { readRecords, type FileEncoding, type FileFormat } from './file-reader.ts';
import { letOthersIn } from '../shared/let-others-in.ts';

export interface FileProgress {
  bytesRead: number;
  bytesTotal: number;
  processed: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
}

/**
 * Records per committed batch of a file. Batches that die young cost less garbage collection: at
 * 5,000 records (read from 1 MiB chunks) a batch outlived the young generation's collections and
 * was copied out of it, ~4x the collection time of 500-1,000 (CSV bench: 1.3 s against 0.28-0.8 s
 * of scavenges for 300,000 rows). Pinned to one core (as `npm run bench` runs it, V8's collector
 * threads and the file reads then share that core) 1,000 records from 256 KiB chunks measured best:
 * 79,000-85,000 rows/s against 74,000-82,000 at 500 from 64 KiB and 65,000-69,000 at 5,000 from
 * 1 MiB. `outpost ingest` on a SQLite file (writer thread, real scoring) changed within noise.
 */
export const FILE_BATCH_RECORDS = 1_000;

/**
 * Ingests a CSV/JSONL stream batch by batch. Each batch commits on its own, so a crash loses at
 * most the batch in flight (never an accepted one) and re-running the file is safe: ids already
 * stored come back as duplicates.
 */
export async function ingestStream(
  ingest: IngestService,
  input: Readable,
  bytesTotal: number,
  file: { format: FileFormat; encoding?: FileEncoding },
  opts: Omit<IngestOptions, 'summaryOnly'>,
  onProgress?: (p: FileProgress) => void,
  batchSize = FILE_BATCH_RECORDS,
): Promise<FileProgress> {
  const p: FileProgress = { bytesRead: 0, bytesTotal, processed: 0, accepted: 0, duplicates: 0, quarantined: 0 };
  input.on('data', (chunk: Buffer | string) => { p.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length; });
  for await (const batch of readRecords(input, file.format, batchSize, file.encoding)) {
    const { summary } = await ingest.ingest(batch, { ...opts, summaryOnly: true });
    p.processed += batch.length;
    p.accepted += summary.accepted;
    p.duplicates += summary.duplicates;
    p.quarantined += summary.quarantined;
    onProgress?.({ ...p });
    // The file's text is often already buffered (the upload arrived faster than it is ingested): the
    // next batch would then start without the thread answering anything in between (an upload of
    // 200,000 rows left `/health` unanswered for up to 5.6 s at a time).
    await letOthersIn();
  }
  p.bytesRead = bytesTotal;
  onProgress?.({ ...p });
  return p;
}
