import type { TraceNode } from './compile.ts';

/**
 * The stored form of an evaluation trace: what the transaction log keeps for each hit (the `hits`
 * column; docs/scenarios.md, "Traces"). The object form spells out every node's kind, held, feature,
 * op, value and compared; stored, a node is an array:
 *
 *   ["all" | "any", held, ...children]     ["not", held, child]
 *   ["cmp", held, feature, op, value, actual]             compared is the value as written
 *   ["cmp", held, feature, op, value, actual, compared]   compared differs (money converted to CNY,
 *                                                         another feature's value)
 *
 * with held as 1 or 0. On traffic where most transactions fire, a stored hit is ~40% shorter, and
 * SQLite's cost of storing a row grows with its bytes (5–13 µs more for a row carrying 900 characters
 * of hits in the object form than for one with none, raw inserts on this VM). The engine writes this text directly (`compile.ts`, `explain: 'json'`);
 * `storedTrace` gives the same from a trace object; `expandTrace` reads either form back as objects
 * (rows stored before 2026-12-07 hold objects).
 */
export type StoredTrace = [kind: TraceNode['kind'], held: 0 | 1, ...rest: unknown[]];

type Cmp = Extract<TraceNode, { kind: 'cmp' }>;

/** Whether a comparison's compared value is stored (it is left out when it is the value as written). */
export function comparedDiffers(value: unknown, compared: unknown): boolean {
  return JSON.stringify(compared) !== JSON.stringify(value);
}

export function storedTrace(n: TraceNode): StoredTrace {
  const held = n.held ? 1 : 0;
  if (n.kind === 'cmp') {
    const c = n as Cmp;
    return comparedDiffers(c.value, c.compared)
      ? ['cmp', held, c.feature, c.op, c.value, c.actual, c.compared]
      : ['cmp', held, c.feature, c.op, c.value, c.actual];
  }
  if (n.kind === 'not') return ['not', held, storedTrace(n.child)];
  return [n.kind, held, ...n.children.map(storedTrace)];
}

/** A stored trace as the trace object it was written from; anything else (an object-form trace) as it is. */
export function expandTrace(s: unknown): unknown {
  if (!Array.isArray(s)) return s;
  const kind = s[0] as string;
  const held = s[1] === 1;
  if (kind === 'cmp') return { kind, held, feature: s[2], op: s[3], value: s[4], compared: s.length > 6 ? s[6] : s[4], actual: s[5] };
  if (kind === 'not') return { kind, held, child: expandTrace(s[2]) };
  const children = new Array<unknown>(s.length - 2);
  for (let i = 2; i < s.length; i++) children[i - 2] = expandTrace(s[i]);
  return { kind, held, children };
}
