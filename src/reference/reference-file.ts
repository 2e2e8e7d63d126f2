import type { Actor } from '../audit/audit.types.ts';
import type { RawRecord } from '../ingest/ingest.types.ts';
import { AppError } from '../shared/errors.ts';
import { RECORD_SCHEMAS, type ReferenceKind } from './reference.schema.ts';
import type { LoadResult, QuarantineRetried, ReferenceData } from './reference.service.ts';

/** A record of a reference file that was not loaded: its line, the field and why. */
export interface FileProblem {
  line: number;
  field: string;
  message: string;
}

export interface FileLoadResult {
  kind: ReferenceKind;
  /** Records read (lines with a record). */
  processed: number;
  loaded: number;
  /** Loaded records that replaced stored ones (branches renamed, customers re-written, accounts changed). */
  updated: number;
  rejected: number;
  /** Quarantined transactions of the accounts the file added, tried again (LoadResult.quarantine, summed). */
  quarantine: QuarantineRetried;
  /** The first MAX_REPORTED problems, in line order per batch. */
  problems: FileProblem[];
}

/** Problems kept for the report; the count of rejected records is always whole. */
export const MAX_REPORTED = 1_000;

type Loader = (institutionId: string, data: ReferenceData, actor: Actor) => Promise<LoadResult>;

/**
 * The fields of a file record as the record schema reads them. CSV gives every field as text: an
 * empty field is an absent value (the schema's default, or null where the field may be empty; a
 * branch without a parent is the head office), and a branch's level is a number.
 */
function fromFile(kind: ReferenceKind, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('__')) continue;
    if (v === '') continue;
    out[k] = kind === 'branches' && k === 'level' && typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  }
  if (kind === 'branches' && out.parentId === undefined) out.parentId = null;
  return out;
}

/**
 * Loads a reference file (CSV or JSONL records of one kind, as `readRecords` yields them) through
 * the same `load` as the API, one batch per transaction. A record that fails its schema, or that
 * the load refuses (a reference to a branch or customer the institution does not have, another
 * institution's customer id), is rejected with its line and the reason, and the rest of its batch
 * is loaded; every loaded record is a put (a stored one is replaced), so a corrected file can
 * simply be loaded again.
 */
export async function loadReferenceFile(
  load: Loader, institutionId: string, kind: ReferenceKind, batches: AsyncIterable<RawRecord[]>, actor: Actor,
  onBatch?: (r: FileLoadResult) => void,
): Promise<FileLoadResult> {
  const result: FileLoadResult = {
    kind, processed: 0, loaded: 0, updated: 0, rejected: 0, quarantine: { examined: 0, resubmitted: 0, duplicates: 0, stillFailing: 0 }, problems: [],
  };
  const reject = (line: number, field: string, message: string) => {
    result.rejected++;
    if (result.problems.length < MAX_REPORTED) result.problems.push({ line, field, message });
  };
  const schema = RECORD_SCHEMAS[kind];
  for await (const batch of batches) {
    result.processed += batch.length;
    let good: Array<{ line: number; record: Record<string, unknown> }> = [];
    for (const r of batch) {
      if (typeof r.data.__parseError === 'string') { reject(r.position, '', r.data.__parseError); continue; }
      const parsed = schema.safeParse(fromFile(kind, r.data));
      if (parsed.success) good.push({ line: r.position, record: { ...parsed.data, institutionId } });
      else reject(r.position, parsed.error.issues[0].path.map(String).join('.'), parsed.error.issues.map((i) => i.message).join('; '));
    }
    while (good.length > 0) {
      try {
        const loaded = await load(institutionId, { [kind]: good.map((g) => g.record) } as ReferenceData, actor);
        result.loaded += good.length;
        if (kind !== 'identifiers') result.updated += loaded.updated[kind];
        if (loaded.quarantine) for (const k of Object.keys(result.quarantine) as Array<keyof QuarantineRetried>) result.quarantine[k] += loaded.quarantine[k];
        break;
      } catch (e) {
        const refused = refusedRecords(e, kind);
        if (!refused) throw e;
        for (const [i, problem] of refused) reject(good[i].line, problem.field, problem.message);
        good = good.filter((_, i) => !refused.has(i));
      }
    }
    onBatch?.(result);
  }
  return result;
}

/** The records of the batch a load refused (details with paths `kind[i].field`), or null when the error is not about records. */
function refusedRecords(e: unknown, kind: ReferenceKind): Map<number, { field: string; message: string }> | null {
  if (!(e instanceof AppError) || (e.kind !== 'validation' && e.kind !== 'conflict') || e.details.length === 0) return null;
  const out = new Map<number, { field: string; message: string }>();
  for (const d of e.details) {
    const m = /^(\w+)\[(\d+)\]\.?(.*)$/.exec(d.path ?? '');
    if (!m || m[1] !== kind) return null;
    if (!out.has(Number(m[2]))) out.set(Number(m[2]), { field: m[3], message: d.message });
  }
  return out;
}
