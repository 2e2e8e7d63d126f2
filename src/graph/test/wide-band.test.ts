import { describe, expect, it } from 'vitest';
import { usableEdges } from '../finding.ts';
import { detectFan } from '../detectors/fan.ts';
import { detectFlowTypologies, flowEvents } from '../detectors/flow.ts';
import { detectCandidates } from '../mine.ts';
import { background, DAY, graphOf, params, tx } from './fixtures.ts';

const H = DAY / 24;
const at = (e: ReturnType<typeof tx>, ms: number) => ({ ...e, time: ms });

describe('wide forward band (flow.wideMaxForwardRatio)', () => {
  // A source splits 4,000 over four middles, which pass on 98.5% to one collector.
  const sg = [
    ...['m1', 'm2', 'm3', 'm4'].map((m, i) => at(tx('src', m, 1000, 0), 10 * DAY + i * H)),
    ...['m1', 'm2', 'm3', 'm4'].map((m, i) => at(tx(m, 'col', 985, 0), 10 * DAY + (5 + i) * H)),
  ];
  const g = graphOf([...background(40, 60), ...sg]);
  const ok = usableEdges(g, 1, 0);
  const sgOf = (p: ReturnType<typeof params>) => detectFlowTypologies(g, flowEvents(g, ok, p.flow), p)
    .filter((c) => c.typology === 'scatter_gather' && c.roles.has(g.nodeIndex.get('col')!));

  it('finds a scatter-gather whose middles keep 1.5%, and not with the band alone', () => {
    const [c] = sgOf(params());
    expect(c.facts).toMatchObject({ sources: 1, middles: 4, sinks: 1, forwardRatio: 0.985 });
    expect(sgOf(params({ flow: { wideMaxForwardRatio: 0 } }))).toEqual([]);
  });

  it('leaves pass-throughs in the band as they were', () => {
    const inBand = [at(tx('a', 'b', 1000, 0), 5 * DAY), at(tx('b', 'c', 900, 0), 5 * DAY + H), at(tx('b', 'd', 990, 0), 5 * DAY + 2 * H)];
    const g2 = graphOf(inBand);
    const evs = flowEvents(g2, usableEdges(g2, 1, 0), params().flow).events;
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({ forwarded: 900 });
    expect(evs[0].wide).toBeUndefined();
  });
});

describe('cycles over repeated pairs (cycle.maxPairRepeats)', () => {
  // Four accounts run the same loop twice, each keeping 1%: every pair repeats once.
  const loop = (t0: number, amount: number) => ['a', 'b', 'c', 'd'].map((n, i, l) => at(tx(n, l[(i + 1) % 4], Math.round(amount * 0.99 ** i), 0), t0 + i * 2 * H));
  // Three accounts paying each other unrelated amounts (rent, a loan, a bill) twice a week apart.
  const periodic = ['p', 'q', 'r'].flatMap((n, i, l) => [0, 7].map((d) => at(tx(n, l[(i + 1) % 3], [500, 300, 800][i], 0), (20 + d) * DAY + i * H)));
  const g = graphOf([...background(40, 60), ...loop(10 * DAY, 10_000), ...loop(11 * DAY, 9_500), ...periodic]);
  const ok = usableEdges(g, 1, 0);
  const cycles = (over: Record<string, unknown>) => detectCandidates(g, ok, params(over)).candidates.filter((c) => c.typology === 'cycle');
  const has = (cs: ReturnType<typeof cycles>, n: string) => cs.some((c) => c.roles.has(g.nodeIndex.get(n)!));

  it('finds a loop run twice when every hop passes on 90–100%, not a repeated payment loop', () => {
    const found = cycles({});
    expect(has(found, 'a')).toBe(true);
    expect(has(found, 'p')).toBe(false);
    expect(has(cycles({ cycle: { maxPairRepeats: 0 } }), 'a')).toBe(false);
  });
});

describe('fan bursts (fanOut.burstMs)', () => {
  it('adds the densest burst inside a longer window as its own candidate', () => {
    const spread = ['x1', 'x2', 'x3'].map((m, i) => at(tx('hub', m, 300, 0), (2 + 5 * i) * DAY));
    const burst = ['b1', 'b2', 'b3', 'b4', 'b5'].map((m, i) => at(tx('hub', m, 900, 0), 20 * DAY + i * H));
    const g = graphOf([...spread, ...burst]);
    const ok = usableEdges(g, 1, 0);
    expect(detectFan(g, ok, params().fanOut, 'out')).toHaveLength(1);
    const found = detectFan(g, ok, params({ fanOut: { burstMs: DAY } }).fanOut, 'out');
    expect(found.map((c) => c.facts.degree)).toEqual([8, 5]);
  });
});
