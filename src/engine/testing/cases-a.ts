import type { World } from './world.ts';

/** A crafted positive (the last transaction must fire) and negative (nothing may fire) per scenario. */
export interface Case { pos: (w: World) => unknown; neg: (w: World) => unknown }
const A = (w: World, age = 40) => w.account('A', { age });
const ORG = (w: World) => w.account('O', { kind: 'organisation' });

export const CASES_A: Record<string, Case> = {
  'LVR-001': { pos: (w) => A(w).cashIn('A', 30000).cashIn('A', 20000), neg: (w) => A(w).cashIn('A', 30000).cashIn('A', 19999.99) },
  'LVR-002': { pos: (w) => A(w).cashOut('A', 30000).cashOut('A', 20000), neg: (w) => A(w).cashOut('A', 30000).day(1).cashOut('A', 20000) },
  'LVR-003': { pos: (w) => ORG(w).pay('O', 'X', 1500000).pay('O', 'X', 500000), neg: (w) => ORG(w).pay('O', 'X', 1500000).pay('O', 'X', 499999.99) },
  'LVR-004': { pos: (w) => ORG(w).pay('X', 'O', 2000000), neg: (w) => ORG(w).pay('X', 'O', 1999999.99) },
  'LVR-005': { pos: (w) => A(w).pay('A', 'X', 500000), neg: (w) => A(w).pay('A', 'X', 500000, { xb: true }) },
  'LVR-006': { pos: (w) => A(w).pay('X', 'A', 300000).pay('Y', 'A', 200000), neg: (w) => A(w).pay('X', 'A', 300000).pay('Y', 'A', 199999) },
  'LVR-007': { pos: (w) => A(w).pay('A', 'F', 10000, { xb: true, currency: 'USD' }), neg: (w) => A(w).pay('A', 'F', 9999, { xb: true, currency: 'USD' }) },
  'LVR-008': { pos: (w) => A(w).pay('F', 'A', 200000, { xb: true }), neg: (w) => A(w).pay('F', 'A', 199999, { xb: true }) },

  'STR-001': { pos: (w) => A(w).cashIn('A', 48000).day(1).cashIn('A', 47000).day(2).cashIn('A', 49000), neg: (w) => A(w).cashIn('A', 48000).day(1).cashIn('A', 47000).day(2).cashIn('A', 40000) },
  'STR-002': { pos: (w) => A(w).cashOut('A', 48000).day(1).cashOut('A', 47000).day(2).cashOut('A', 49000), neg: (w) => A(w).cashOut('A', 48000).day(1).cashOut('A', 47000).day(9).cashOut('A', 49000) },
  'STR-003': { pos: (w) => A(w).times(3, (x) => x.cashIn('A', 20000)), neg: (w) => A(w).cashIn('A', 20000).cashIn('A', 20000).cashIn('A', 50000) },
  'STR-004': { pos: (w) => A(w).times(3, (x, i) => x.cashIn('A', 20000, { location: `L${i}` })), neg: (w) => A(w).times(3, (x) => x.cashIn('A', 20000, { location: 'L0' })) },
  'STR-005': { pos: (w) => A(w).pay('A', 'X', 460000).day(1).pay('A', 'Y', 470000), neg: (w) => A(w).pay('A', 'X', 460000).day(10).pay('A', 'Y', 470000) },
  'STR-006': { pos: (w) => A(w).pay('A', 'X', 460000).day(1).pay('A', 'X', 470000).day(2).pay('A', 'X', 480000), neg: (w) => A(w).pay('A', 'X', 460000).day(1).pay('A', 'Y', 470000).day(2).pay('A', 'Z', 480000) },

  'RIO-001': { pos: (w) => A(w).pay('X', 'A', 60000).wait(10).pay('A', 'Y', 58000), neg: (w) => A(w).pay('X', 'A', 60000).wait(90).pay('A', 'Y', 58000) },
  'RIO-002': { pos: (w) => A(w).pay('X', 'A', 300000).day(1).pay('X', 'A', 250000).day(2).pay('A', 'Y', 500000), neg: (w) => A(w).pay('X', 'A', 300000).day(1).pay('X', 'A', 250000).day(2).pay('A', 'Y', 400000) },
  'RIO-003': { pos: (w) => A(w).pay('X', 'A', 120000).pay('A', 'Y', 60000).pay('A', 'Z', 58000), neg: (w) => A(w).pay('X', 'A', 120000).pay('A', 'Y', 60000) },
  'RIO-004': { pos: (w) => A(w).times(5, (x, i) => x.pay(`P${i}`, 'A', 3000)).pay('A', 'Y', 14000), neg: (w) => A(w).times(3, (x, i) => x.pay(`P${i}`, 'A', 5000)).pay('A', 'Y', 14000) },
  'RIO-005': { pos: (w) => ORG(w).pay('X', 'O', 1200000).pay('O', 'Y1', 400000).pay('O', 'Y2', 400000).pay('O', 'Y3', 350000), neg: (w) => ORG(w).pay('X', 'O', 1200000).pay('O', 'Y1', 1150000) },

  'MUL-001': { pos: (w) => A(w, 20).times(3, (x, i) => x.pay(`P${i}`, 'A', 8000)).pay('A', 'Y', 23000), neg: (w) => A(w, 40).times(3, (x, i) => x.pay(`P${i}`, 'A', 8000)).pay('A', 'Y', 23000) },
  'MUL-002': {
    pos: (w) => A(w).day(10).pay('X', 'A', 30000).pay('A', 'Y1', 9000).pay('A', 'Y2', 9000).pay('A', 'Y3', 8000),
    neg: (w) => A(w).pay('A', 'Y1', 1).pay('A', 'Y2', 1).pay('A', 'Y3', 1).day(10).pay('X', 'A', 30000).pay('A', 'Y1', 9000).pay('A', 'Y2', 9000).pay('A', 'Y3', 8000),
  },
  'MUL-003': { pos: (w) => A(w).pay('X', 'A', 1).pay('X', 'A', 5).day(1).pay('X', 'A', 60000), neg: (w) => A(w).pay('X', 'A', 100).pay('X', 'A', 500).day(1).pay('X', 'A', 60000) },
  'MUL-004': {
    pos: (w) => A(w).pay('X', 'A', 30000, { location: 'L0' }).times(3, (x, i) => x.cashOut('A', 5000, { location: `L${i + 1}` })),
    neg: (w) => A(w).pay('X', 'A', 30000, { location: 'L0' }).times(3, (x) => x.cashOut('A', 5000, { location: 'L0' })),
  },
  'MUL-005': {
    pos: (w) => A(w).pay('X', 'A', 100).waitDays(200).times(3, (x, i) => x.pay(`P${i}`, 'A', 5000)).pay('A', 'Y', 14000),
    neg: (w) => A(w).pay('X', 'A', 100).waitDays(100).pay('X', 'A', 100).waitDays(100).times(3, (x, i) => x.pay(`P${i}`, 'A', 5000)).pay('A', 'Y', 14000),
  },

  'FIN-001': { pos: (w) => A(w).times(10, (x, i) => x.pay(`P${i}`, 'A', 2000)).pay('A', 'Y', 18000), neg: (w) => A(w).times(9, (x, i) => x.pay(`P${i}`, 'A', 2000)).pay('A', 'Y', 17000) },
  'FIN-002': { pos: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 100)), neg: (w) => A(w).times(19, (x, i) => x.pay(`P${i}`, 'A', 100)) },
  'FIN-003': {
    pos: (w) => A(w).times(5, (x, i) => x.account(`C${i}`, { kind: 'organisation' })).times(10, (x, i) => x.pay(`C${i % 5}`, 'A', 3000)),
    neg: (w) => A(w).times(5, (x, i) => x.account(`C${i}`, { kind: 'person' })).times(10, (x, i) => x.pay(`C${i % 5}`, 'A', 3000)),
  },
  // Six weeks of small debits give the account a baseline; the fan-out is far above it.
  'FOU-001': {
    pos: (w) => A(w).times(6, (x, i) => x.day(i * 5).pay('A', 'Z', 100)).day(40).pay('X', 'A', 20000).times(10, (x, i) => x.pay('A', `Y${i}`, 1900)),
    neg: (w) => A(w).times(6, (x, i) => x.day(i * 5).pay('A', 'Z', 100)).day(40).pay('X', 'A', 20000).times(9, (x, i) => x.pay('A', `Y${i}`, 1900)),
  },
  'FOU-002': { pos: (w) => A(w).times(10, (x, i) => x.pay('A', `Y${i}`, 100)), neg: (w) => A(w).times(9, (x, i) => x.pay('A', `Y${i}`, 100)) },
  'FOU-003': {
    pos: (w) => ORG(w).times(10, (x, i) => x.account(`Y${i}`).pay('O', `Y${i}`, 60000, { channel: 'internet' })),
    neg: (w) => ORG(w).times(10, (x, i) => x.account(`Y${i}`).pay('O', `Y${i}`, 60000, { channel: 'counter' })),
  },
  'DOR-001': { pos: (w) => A(w).pay('X', 'A', 100).waitDays(200).pay('A', 'Y', 60000), neg: (w) => A(w).pay('X', 'A', 100).waitDays(100).pay('A', 'Y', 60000) },
  'DOR-002': {
    pos: (w) => A(w).pay('X', 'A', 100).waitDays(200).pay('X', 'A', 300000).pay('A', 'Y', 250000),
    neg: (w) => A(w).pay('X', 'A', 100).waitDays(100).pay('X', 'A', 300000).pay('A', 'Y', 250000),
  },
  'DOR-003': { pos: (w) => w.account('A', { openedDaysAgo: 200 }).pay('X', 'A', 20000), neg: (w) => w.account('A', { openedDaysAgo: 100 }).pay('X', 'A', 20000) },
  'NEW-001': {
    pos: (w) => w.account('A', { openedDaysAgo: 10 }).pay('X', 'A', 150000).pay('A', 'Y', 60000),
    neg: (w) => w.account('A', { openedDaysAgo: 40 }).pay('X', 'A', 150000).pay('A', 'Y', 60000),
  },
  'NEW-002': { pos: (w) => w.account('A', { openedDaysAgo: 5 }).times(50, (x) => x.pay('X', 'A', 10)), neg: (w) => w.account('A', { openedDaysAgo: 5 }).times(49, (x) => x.pay('X', 'A', 10)) },
  'NEW-003': {
    pos: (w) => w.account('A', { openedDaysAgo: 3 }).pay('X', 'A', 60000).pay('A', 'Y', 58000),
    neg: (w) => w.account('A', { openedDaysAgo: 3 }).pay('X', 'A', 60000).pay('A', 'Y', 50000),
  },
  'NGT-001': { pos: (w) => A(w).day(1, 2).times(10, (x, i) => x.pay(`P${i}`, 'A', 100)), neg: (w) => A(w).day(1, 14).times(10, (x, i) => x.pay(`P${i}`, 'A', 100)) },
  'NGT-002': { pos: (w) => A(w).day(1, 2).times(5, (x, i) => x.pay('A', `Y${i}`, 5000)), neg: (w) => A(w).day(1, 10).times(5, (x, i) => x.pay('A', `Y${i}`, 5000)) },
  'NGT-003': {
    pos: (w) => A(w).day(1, 3).pay('A', 'Y', 60000, { device: 'D1' }),
    neg: (w) => A(w).pay('A', 'Z', 10, { device: 'D1' }).day(1, 3).pay('A', 'Y', 60000, { device: 'D1' }),
  },
};
