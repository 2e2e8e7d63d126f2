/**
 * Strings appended in order and read back by position, kept as long strings (one per block of
 * 4,096) with the end offset of each, instead of one heap object per string.
 *
 * Written by hand for the graph's transaction ids: the graph keeps one per edge (5,000,000 at the
 * benchmark's scale) and reads back only the few that findings and subgraphs name. As separate
 * strings they were 5 million long-lived objects that every full garbage collection of the mining
 * run marked again (building that graph 8.6-9.4 s → 7.4-7.8 s; docs/rings.md, "Performance").
 */
// Small blocks: a block's strings are joined before most of them outlive a young-generation
// collection. Building the graph of 5,000,000 transfers took 7.4-8.8 s with blocks of 1,024 or
// 4,096, 9.3-9.5 s with 16,384 and 10.2-10.5 s with 65,536 (pinned, alternating).
const BLOCK_BITS = 12;
const BLOCK = 1 << BLOCK_BITS;

export class PackedStrings {
  private readonly blocks: string[] = [];
  private readonly ends: Int32Array[] = [];
  private pending: string[] = [];
  private pendingEnds = new Int32Array(BLOCK);
  private pendingChars = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  append(s: string): void {
    this.pendingChars += s.length;
    this.pendingEnds[this.pending.length] = this.pendingChars;
    this.pending.push(s);
    this.count++;
    if (this.pending.length === BLOCK) this.seal();
  }

  get(i: number): string {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no string at position ${i} of ${this.count}`);
    const b = i >>> BLOCK_BITS, j = i & (BLOCK - 1);
    if (b === this.blocks.length) return this.pending[j];
    const ends = this.ends[b];
    return this.blocks[b].slice(j === 0 ? 0 : ends[j - 1], ends[j]);
  }

  /** A new column holding this one's strings in the order `order` lists their positions. */
  permuted(order: Int32Array): PackedStrings {
    const out = new PackedStrings();
    for (let k = 0; k < order.length; k++) out.append(this.get(order[k]));
    return out;
  }

  toArray(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.get(i);
    return out;
  }

  /** Joins the pending strings into one (join copies them into a single flat string). */
  private seal(): void {
    this.blocks.push(this.pending.join(''));
    this.ends.push(this.pendingEnds);
    this.pending = [];
    this.pendingEnds = new Int32Array(BLOCK);
    this.pendingChars = 0;
  }
}
