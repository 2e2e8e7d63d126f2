/**
 * Log positions this process reserved, by institution (recent ones only; a rolled-back transaction's are forgotten). Before scoring a batch,
 * ingest replays into the engine what other processes stored since the engine last looked
 * (IngestService.followLog); a gap in the positions that this process itself filled for other
 * institutions needs no query. Without this, with several institutions interleaving, every batch
 * would read the log range the others wrote since its institution's previous batch.
 */
export class OwnPositions {
  /** Committed ranges, ascending and disjoint (positions are reserved in increasing order). */
  private readonly ranges: Array<{ first: number; last: number; institutionId: string }> = [];

  constructor(private readonly keep = 4_096) {}

  /** Records positions [first, first + count) as reserved by this process for an institution. */
  add(first: number, count: number, institutionId: string): void {
    if (count <= 0) return;
    const last = first + count - 1;
    const prev = this.ranges[this.ranges.length - 1];
    if (prev && first <= prev.last) return; // out of order (cannot happen with one sequence): ignore, a gap then queries
    if (prev && prev.institutionId === institutionId && prev.last + 1 === first) prev.last = last;
    else this.ranges.push({ first, last, institutionId });
    if (this.ranges.length > this.keep) this.ranges.splice(0, this.ranges.length - this.keep);
  }

  /** Forgets ranges from `first` on (their database transaction rolled back: the positions will be reserved again). */
  forgetFrom(first: number): void {
    while (this.ranges.length > 0 && this.ranges[this.ranges.length - 1].last >= first) {
      const r = this.ranges[this.ranges.length - 1];
      if (r.first >= first) this.ranges.pop();
      else { r.last = first - 1; break; }
    }
  }

  /** Whether every position in (after, through] was stored here for another institution than `institutionId`. */
  othersOnly(after: number, through: number, institutionId: string): boolean {
    let next = after + 1;
    if (next > through) return true;
    // First range that may contain `next` (binary search on `last`).
    let lo = 0, hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid].last < next) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.ranges.length && next <= through; i++) {
      const r = this.ranges[i];
      if (r.first > next || r.institutionId === institutionId) return false;
      next = r.last + 1;
    }
    return next > through;
  }
}
