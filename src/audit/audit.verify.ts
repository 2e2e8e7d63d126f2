import { chainHash, GENESIS_HASH, type AuditHashAlgorithm } from './audit.hash.ts';
import type { AuditEventsTable } from '../store/schema.ts';

export interface VerifyResult {
  ok: boolean;
  /** Events checked (up to and including the first bad one). */
  checked: number;
  /** Last sequence number the chain should reach (from the audit sequence). */
  expectedLast: number;
  headSeq: number | null;
  headHash: string | null;
  firstBadSeq: number | null;
  reason: string | null;
}

/**
 * Walks the chain in sequence order, one page at a time, and stops at the first break:
 * a missing sequence number (deleted row), a prev_hash that is not the previous row's hash
 * (deleted or reordered), or a hash that does not match the row's content (edited row).
 * A deleted tail is caught by comparing with the audit sequence's last reserved value.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectSeq = 1;
  private checked = 0;
  private bad: { seq: number; reason: string } | null = null;
  private head: { seq: number; hash: string } | null = null;

  constructor(private readonly algorithm: AuditHashAlgorithm) {}

  /** Feeds the next page of rows (ascending seq); returns false once a break was found. */
  feed(rows: readonly AuditEventsTable[]): boolean {
    for (const raw of rows) {
      if (this.bad) return false;
      const r = { ...raw, seq: Number(raw.seq), at: Number(raw.at) };
      this.checked++;
      if (r.seq !== this.expectSeq) {
        this.bad = { seq: this.expectSeq, reason: r.seq > this.expectSeq ? `event ${this.expectSeq} is missing (deleted)` : `event ${r.seq} is out of order` };
      } else if (r.prev_hash !== this.prevHash) {
        this.bad = { seq: r.seq, reason: `event ${r.seq} does not link to the previous event (an earlier event was removed or altered)` };
      } else if (chainHash(r, this.algorithm) !== r.hash) {
        this.bad = { seq: r.seq, reason: `event ${r.seq} was altered: its content does not match its hash` };
      } else {
        this.prevHash = r.hash;
        this.expectSeq = r.seq + 1;
        this.head = { seq: r.seq, hash: r.hash };
      }
    }
    return this.bad === null;
  }

  finish(expectedLast: number): VerifyResult {
    if (!this.bad && this.expectSeq - 1 < expectedLast) {
      this.bad = { seq: this.expectSeq, reason: `events ${this.expectSeq}..${expectedLast} are missing (deleted from the end)` };
    }
    return {
      ok: this.bad === null,
      checked: this.checked,
      expectedLast,
      headSeq: this.head?.seq ?? null,
      headHash: this.head?.hash ?? null,
      firstBadSeq: this.bad?.seq ?? null,
      reason: this.bad?.reason ?? null,
    };
  }
}
