import type { Case } from './cases-a.ts';
import type { World } from './world.ts';

const A = (w: World, age = 40) => w.account('A', { age });
const ORG = (w: World) => w.account('O', { kind: 'organisation' });
/** Collection scenarios look at accounts opened recently (or with a surge against their own baseline). */
const NEW_A = (w: World) => w.account('A', { openedDaysAgo: 20 });
const NEW_ORG = (w: World) => w.account('O', { kind: 'organisation', openedDaysAgo: 20 });
const usd = { currency: 'USD', xb: true };

export const CASES_B: Record<string, Case> = {
  'IFR-001': {
    pos: (w) => NEW_A(w).times(30, (x, i) => x.pay(`P${i}`, 'A', 1000)),
    neg: (w) => NEW_A(w).times(29, (x, i) => x.pay(`P${i}`, 'A', 10)).waitDays(40).times(30, (x, i) => x.pay(`P${i}`, 'A', 1000)),
  },
  'IFR-002': { pos: (w) => A(w).times(20, (x, i) => x.pay(`P${i % 10}`, 'A', 1500)), neg: (w) => A(w).times(20, (x, i) => x.pay(`P${i % 10}`, 'A', 1234)) },
  'IFR-003': {
    pos: (w) => A(w).times(10, (x, i) => x.account(`P${i}`, { age: 65 }).pay(`P${i}`, 'A', 1000)),
    neg: (w) => A(w).times(10, (x, i) => x.account(`P${i}`, { age: 40 }).pay(`P${i}`, 'A', 1000)),
  },
  'IFR-004': { pos: (w) => A(w).times(30, (x, i) => x.pay(`P${i}`, 'A', 1000)).cashOut('A', 7000), neg: (w) => A(w).times(30, (x, i) => x.pay(`P${i}`, 'A', 1000)).cashOut('A', 5000) },
  'IFR-005': { pos: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 100000)).pay('A', 'Y', 1000000), neg: (w) => A(w).times(19, (x, i) => x.pay(`P${i}`, 'A', 100000)).pay('A', 'Y', 1000000) },
  'IFR-006': { pos: (w) => NEW_ORG(w).times(30, (x, i) => x.pay(`P${i}`, 'O', 1000)), neg: (w) => NEW_ORG(w).times(29, (x, i) => x.pay(`P${i}`, 'O', 1000)) },
  'IFR-007': { pos: (w) => A(w).times(3, (x, i) => x.pay(`P${i}`, 'A', 5000, { purpose: '复投本金' })), neg: (w) => A(w).times(3, (x, i) => x.pay(`P${i}`, 'A', 5000, { purpose: '货款' })) },

  'TEL-001': { pos: (w) => A(w).pay('A', 'Y', 30000, { device: 'D9' }), neg: (w) => A(w).pay('A', 'Z', 10, { device: 'D9' }).day(1).pay('A', 'Y', 30000, { device: 'D9' }) },
  'TEL-002': { pos: (w) => A(w).pay('A', 'Z', 5000).day(20).pay('A', 'Y', 60000), neg: (w) => A(w).pay('A', 'Z', 20000).day(20).pay('A', 'Y', 60000) },
  'TEL-003': { pos: (w) => A(w).times(4, (x, i) => x.pay(`P${i}`, 'Y', 500)).pay('A', 'Y', 20000), neg: (w) => A(w).times(2, (x, i) => x.pay(`P${i}`, 'Y', 500)).pay('A', 'Y', 20000) },
  'TEL-004': { pos: (w) => A(w).times(3, (x, i) => x.pay('A', `Y${i}`, 11000)), neg: (w) => A(w).times(2, (x, i) => x.pay('A', `Y${i}`, 16000)) },
  'TEL-005': {
    pos: (w) => A(w).account('B', { openedDaysAgo: 3 }).pay('A', 'B', 20000),
    neg: (w) => A(w).account('B', { openedDaysAgo: 100 }).pay('A', 'B', 20000),
  },

  'ELD-001': { pos: (w) => A(w, 70).cashOut('A', 2000).day(20).cashOut('A', 60000), neg: (w) => A(w, 50).cashOut('A', 2000).day(20).cashOut('A', 60000) },
  'ELD-002': { pos: (w) => A(w, 70).pay('A', 'Y', 15000), neg: (w) => A(w, 70).pay('A', 'Y', 100).day(20).pay('A', 'Y', 15000) },
  'ELD-003': {
    pos: (w) => A(w, 70).times(9, (x, i) => x.day(i * 7).pay('A', 'Z', 2000)).day(70).pay('A', 'Y', 60000).pay('A', 'Y', 60000),
    neg: (w) => A(w, 50).times(9, (x, i) => x.day(i * 7).pay('A', 'Z', 2000)).day(70).pay('A', 'Y', 60000).pay('A', 'Y', 60000),
  },
  'ELD-004': {
    pos: (w) => w.times(3, (x, i) => x.account(`E${i}`, { age: 70 }).cashOut(`E${i}`, 20000)),
    neg: (w) => w.account('E0', { age: 70 }).account('E1', { age: 70 }).account('E2', { age: 40 }).times(3, (x, i) => x.cashOut(`E${i}`, 20000)),
  },
  'ELD-005': { pos: (w) => A(w, 70).pay('A', 'Y', 6000, { device: 'D1', channel: 'mobile' }), neg: (w) => A(w, 70).pay('A', 'Y', 6000, { device: 'D1', channel: 'counter' }) },
  'ELD-006': { pos: (w) => A(w, 70).pay('X', 'A', 100).waitDays(200).pay('A', 'Y', 25000), neg: (w) => A(w, 70).pay('X', 'A', 100).waitDays(30).pay('A', 'Y', 25000) },

  'CSH-001': { pos: (w) => A(w).cashOut('A', 5000).day(20).cashOut('A', 60000), neg: (w) => A(w).cashOut('A', 20000).day(20).cashOut('A', 60000) },
  'CSH-002': {
    pos: (w) => A(w).times(10, (x, i) => x.day(i).cashIn('A', 12000)),
    neg: (w) => A(w).pay('X', 'A', 200000).times(10, (x, i) => x.day(i).cashIn('A', 12000)),
  },
  'CSH-003': { pos: (w) => ORG(w).times(3, (x, i) => x.day(i).cashOut('O', 250000)), neg: (w) => ORG(w).times(2, (x, i) => x.day(i).cashOut('O', 250000)) },
  'CSH-004': {
    pos: (w) => A(w).cashOut('A', 10000, { channel: 'atm', location: 'L1' }).cashOut('A', 10000, { channel: 'atm', location: 'L2' }),
    neg: (w) => A(w).cashOut('A', 10000, { channel: 'atm', location: 'L1' }).cashOut('A', 10000, { channel: 'atm', location: 'L1' }),
  },
  'CSH-005': { pos: (w) => A(w).pay('X', 'A', 30000).wait(10).cashOut('A', 25000), neg: (w) => A(w).pay('X', 'A', 30000).wait(120).cashOut('A', 25000) },

  'XBS-001': { pos: (w) => A(w).pay('A', 'F', 9500, usd).day(1).pay('A', 'F', 9600, usd), neg: (w) => A(w).pay('A', 'F', 5000, usd).day(1).pay('A', 'F', 5000, usd) },
  'XBS-002': { pos: (w) => A(w).times(3, (x, i) => x.day(i).pay('A', 'F', 8000, usd)), neg: (w) => A(w).times(3, (x, i) => x.day(i).pay('A', 'F', 5000, usd)) },
  'XBS-003': {
    pos: (w) => A(w).pay('F', 'A', 150000, { xb: true }).times(5, (x, i) => x.pay('A', `Y${i}`, 25000)),
    neg: (w) => A(w).pay('X', 'A', 150000).times(5, (x, i) => x.pay('A', `Y${i}`, 25000)),
  },
  'XBS-004': {
    pos: (w) => A(w).pay('A', 'F', 300000, { xb: true }).day(1).pay('A', 'F', 300000, { xb: true }),
    neg: (w) => A(w).pay('X', 'A', 2000000).pay('A', 'F', 300000, { xb: true }).day(1).pay('A', 'F', 300000, { xb: true }),
  },
  'XBS-005': {
    pos: (w) => A(w).cashIn('A', 30000).cashIn('A', 30000).day(1).pay('A', 'F', 50000, { xb: true }),
    neg: (w) => A(w).cashIn('A', 30000).cashIn('A', 30000).day(1).pay('A', 'F', 40000, { xb: true }),
  },

  'GMB-001': { pos: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 1234.56)), neg: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 2000)) },
  'GMB-002': { pos: (w) => A(w).day(1, 1).times(30, (x, i) => x.pay(`P${i % 10}`, 'A', 100)), neg: (w) => A(w).day(1, 12).times(30, (x, i) => x.pay(`P${i % 10}`, 'A', 100)) },
  'GMB-003': {
    pos: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 100, { location: `L${i % 10}` })),
    neg: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 100, { location: 'L0' })),
  },
  'GMB-004': {
    pos: (w) => A(w).times(5, (x) => x.pay('X', 'A', 5000)).times(5, (x) => x.pay('A', 'Y', 5000)),
    neg: (w) => A(w).times(5, (x) => x.pay('X', 'A', 5123)).times(5, (x) => x.pay('A', 'Y', 5123)),
  },

  'DEV-001': {
    pos: (w) => w.account('A1').account('A2').account('A3').pay('A1', 'Y', 10, { device: 'D' }).pay('A2', 'Y', 10, { device: 'D' }).pay('A3', 'Y', 6000, { device: 'D' }),
    neg: (w) => w.account('A1').account('A3').pay('A1', 'Y', 10, { device: 'D' }).pay('A3', 'Y', 6000, { device: 'D' }),
  },
  'DEV-002': {
    pos: (w) => w.times(5, (x, i) => x.account(`A${i}`).pay(`A${i}`, 'Y', 10, { ip: '1.2.3.4' })),
    neg: (w) => w.times(4, (x, i) => x.account(`A${i}`).pay(`A${i}`, 'Y', 10, { ip: '1.2.3.4' })),
  },
  'VEL-001': {
    pos: (w) => A(w).times(12, (x, i) => x.day(i * 5).pay('A', 'Z', 1000)).day(61).pay('A', 'Y', 60000),
    neg: (w) => A(w).times(12, (x, i) => x.day(i * 5).pay('A', 'Z', 50000)).day(61).pay('A', 'Y', 60000),
  },
  'VEL-002': {
    pos: (w) => A(w).times(12, (x, i) => x.day(i * 5).pay('X', 'A', 10)).day(61).times(20, (x) => x.pay('X', 'A', 10)),
    neg: (w) => A(w).times(12, (x, i) => x.day(i * 5).pay('X', 'A', 10)).day(61).times(19, (x) => x.pay('X', 'A', 10)),
  },
  'VEL-003': {
    pos: (w) => A(w).times(13, (x, i) => x.day(i * 5).pay('X', 'A', 1000)).day(65).pay('X', 'A', 250000),
    neg: (w) => A(w).day(65).pay('X', 'A', 250000),
  },
  'UBK-001': {
    pos: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 1000)).times(20, (x, i) => x.pay('A', `Y${i}`, 950)),
    neg: (w) => A(w).times(20, (x, i) => x.pay(`P${i}`, 'A', 1000)).times(20, (x, i) => x.pay('A', `Y${i}`, 500)),
  },
  'UBK-002': { pos: (w) => A(w).times(500, (x, i) => x.pay(`P${i}`, 'A', 10)), neg: (w) => A(w).times(499, (x, i) => x.pay(`P${i}`, 'A', 10)) },
  'UBK-003': { pos: (w) => A(w).times(100, (x, i) => x.pay(`P${i}`, 'A', 10)), neg: (w) => A(w).times(99, (x, i) => x.pay(`P${i}`, 'A', 10)) },
  'CYC-001': { pos: (w) => A(w).pay('Y', 'A', 60000).day(3).pay('A', 'Y', 55000), neg: (w) => A(w).pay('Y', 'A', 60000).day(10).pay('A', 'Y', 55000) },

  'RNG-001': { pos: (w) => A(w).ring('A', 72).pay('A', 'Y', 20000), neg: (w) => A(w).ring('A', 45).pay('A', 'Y', 20000) },
  'RNG-002': { pos: (w) => A(w).ring('Y', 80).pay('A', 'Y', 6000), neg: (w) => A(w).ring('Y', 80).pay('A', 'Y', 4000) },
  'RNG-003': { pos: (w) => A(w).knownBad('Y').pay('A', 'Y', 300), neg: (w) => A(w).knownBad('Z').pay('A', 'Y', 300) },
  'RNG-004': { pos: (w) => A(w).knownBad('A').pay('X', 'A', 300), neg: (w) => A(w).knownBad('B').pay('X', 'A', 300) },
};
