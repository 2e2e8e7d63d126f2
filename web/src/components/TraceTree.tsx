import { useTranslation } from 'react-i18next';
import { FeatureName } from './FeaturePicker.tsx';
import { opKey, RuleValue } from './RuleView.tsx';

/**
 * Draws a rule's evaluation trace (src/engine/rules/compile.ts TraceNode: the same shape as the
 * rule tree — all / any / not groups over comparisons, each with whether it held, the threshold as
 * written and as compared, and the observed feature value).
 * Unknown keys are shown as they are, so a richer trace from the engine still reads.
 */
type Node = Record<string, unknown>;
const isObj = (x: unknown): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

function held(n: Node): boolean | undefined {
  for (const k of ['held', 'result', 'matched', 'pass', 'value_ok', 'ok']) if (typeof n[k] === 'boolean') return n[k] as boolean;
  return undefined;
}

function children(n: Node): { kind: string; items: unknown[] } | null {
  for (const k of ['all', 'any']) if (Array.isArray(n[k])) return { kind: k, items: n[k] as unknown[] };
  if (n.kind === 'not' && n.child !== undefined) return { kind: 'not', items: [n.child] };
  if (n.not !== undefined) return { kind: 'not', items: [n.not] };
  if (typeof n.op === 'string' && ['all', 'any', 'not', 'and', 'or'].includes(n.op) && Array.isArray(n.children)) return { kind: n.op, items: n.children as unknown[] };
  if (Array.isArray(n.children)) return { kind: String(n.kind ?? n.type ?? 'group'), items: n.children as unknown[] };
  return null;
}

const show = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString() : v.toLocaleString(undefined, { maximumFractionDigits: 2 });
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  return JSON.stringify(v);
};

function observed(n: Node): unknown {
  for (const k of ['actual', 'observed', 'featureValue', 'left', 'got']) if (k in n) return n[k];
  return undefined;
}

function TraceNode({ node }: { node: unknown }) {
  const { t } = useTranslation();
  if (!isObj(node)) return <li role="treeitem" aria-selected={false}>{show(node)}</li>;
  const h = held(node);
  const mark = h === undefined ? null : (
    <span className={h ? 'trace-held' : 'trace-failed'} aria-label={h ? t('trace.held') : t('trace.notHeld')}>{h ? '✓' : '✗'}</span>
  );
  const group = children(node);
  if (group) {
    return (
      <li role="treeitem" aria-expanded aria-selected={false}>
        {mark} <strong>{t(`trace.${group.kind}`, { defaultValue: group.kind })}</strong>
        <ul role="group">{group.items.map((c, i) => <TraceNode key={i} node={c} />)}</ul>
      </li>
    );
  }
  const value = observed(node);
  return (
    <li role="treeitem" aria-selected={false} className="trace-leaf">
      {mark} {typeof node.feature === 'string' ? <FeatureName name={node.feature} /> : <code>{show(node.name ?? '?')}</code>} <span>{typeof node.op === 'string' ? t(`ops.${opKey(node.op)}`, { defaultValue: node.op }) : ''}</span> <RuleValue value={node.value ?? node.threshold ?? ''} />
      {value !== undefined && <span className="muted"> — {t('trace.observed')}: <code>{value === null ? t('trace.unknown') : show(value)}</code></span>}
      {node.compared !== undefined && node.compared !== null && show(node.compared) !== show(node.value) && (
        <span className="muted"> ({t('trace.compared')}: <code>{show(node.compared)}</code>)</span>
      )}
    </li>
  );
}

export function TraceTree({ trace, label }: { trace: unknown; label: string }) {
  const { t } = useTranslation();
  if (trace === undefined || trace === null) return <p className="muted">{t('trace.none')}</p>;
  const root = isObj(trace) && 'root' in trace ? trace.root : isObj(trace) && 'condition' in trace ? trace.condition : trace;
  return <ul className="trace" role="tree" aria-label={label}><TraceNode node={root} /></ul>;
}
