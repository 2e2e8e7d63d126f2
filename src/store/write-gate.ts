/**
 * A moment without commits, on request of the checkpoint worker (see checkpoint.worker.js).
 *
 * SQLite restarts its write-ahead log from the beginning only when a new write finds every frame
 * already copied into the database. Under a steady stream of commits the worker's copy is always a
 * few commits behind, so without help the log would only restart at the connection's own
 * automatic checkpoint: two syncs and a truncation on the thread that serves requests, measured as
 * two 20–25 ms stalls every 2.5 s at 1,000 single-transaction requests per second. Instead, when
 * the log is long, the worker asks for a pause: gated writers (ingest) hold back their next
 * commit, requests keep being accepted and validated, the worker copies the last frames, and the
 * first commit after the pause restarts the log cheaply (its pages were just synced).
 *
 * The gate is advisory: writers that do not pass through it only make the worker's attempt fail
 * (it then tries again later). It never stays closed longer than `maxPauseMs`.
 */
export class WriteGate {
  private active = 0;
  private closed = false;
  private waiters: Array<() => void> = [];
  private quiet: (() => void) | null = null;
  private guard: NodeJS.Timeout | null = null;

  constructor(private readonly maxPauseMs = 200) {}

  /** Waits while the gate is closed, then counts the caller as an active writer until `leave()`. */
  async enter(): Promise<void> {
    while (this.closed) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.active++;
  }

  leave(): void {
    this.active--;
    if (this.active === 0) this.signalQuiet();
  }

  /** Closes the gate; `onQuiet` runs once no gated writer is active (at once if none is). */
  close(onQuiet: () => void): void {
    if (this.closed) return;
    this.closed = true;
    this.quiet = onQuiet;
    this.guard = setTimeout(() => this.open(), this.maxPauseMs);
    this.guard.unref();
    if (this.active === 0) this.signalQuiet();
  }

  /** Opens the gate and lets the waiting writers go, in arrival order. */
  open(): void {
    if (this.guard) clearTimeout(this.guard);
    this.guard = null;
    this.closed = false;
    this.quiet = null;
    for (const w of this.waiters.splice(0)) w();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private signalQuiet(): void {
    const q = this.quiet;
    this.quiet = null;
    q?.();
  }
}
