import type { Container } from '../../src/app/container.ts';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 1);
export const INST = 'inst_test';

/** Background: recurring payments; planted: a 4-account cycle and a 5-way fan-out. */
export function transfers(): [string, string, number, number][] {
  const out: [string, string, number, number][] = [];
  for (let a = 0; a < 30; a++) for (let d = 0; d < 28; d += 7) out.push([`bg${a}`, `bg${(a * 7 + 3) % 30}`, 10_000 + a, d]);
  out.push(['A', 'B', 90_000, 1], ['B', 'C', 85_000, 3], ['C', 'D', 80_000, 4], ['D', 'A', 76_000, 6]);
  for (const [i, m] of ['M1', 'M2', 'M3', 'M4', 'M5'].entries()) out.push(['HUB', m, 50_000, 10 + i]);
  return out;
}

/**
 * Stores transfers [src, dst, amount in minor units, day after T0] as log rows of `institutionId`
 * (ids `${idPrefix}${i}`, log positions from `firstSeq`), straight into the table: what ring mining reads.
 */
export async function insertTransfers(c: Container, edges: [string, string, number, number][], o: { institutionId?: string; idPrefix?: string; firstSeq?: number } = {}): Promise<void> {
  const rows = edges.map(([src, dst, amount, day], i) => ({
    institution_id: o.institutionId ?? INST, id: `${o.idPrefix ?? 'tx'}${i}`, branch_id: null, occurred_at: T0 + day * DAY,
    debit_account: src, debit_party: null, debit_bank: null, credit_account: dst, credit_party: null, credit_bank: null,
    amount_minor: amount, currency: 'CNY', channel: 'mobile', type: 'transfer', device_id: null, ip: null, location: null, purpose: null,
    cross_border: 0, source: 'test', seq: (o.firstSeq ?? 1) + i, ingested_at: T0, score: 0, decision: 'allow', hits: '[]',
  }));
  for (let i = 0; i < rows.length; i += 50) await c.database.db.insertInto('transactions').values(rows.slice(i, i + 50)).execute();
}

export async function seed(c: Container): Promise<void> {
  await insertTransfers(c, transfers());
}

