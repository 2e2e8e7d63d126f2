import { useTranslation } from 'react-i18next';
import { featureRef, groupKind, showValue, type Condition } from '../lib/rule.ts';
import { FeatureName } from './FeaturePicker.tsx';

/** A rule's condition tree in readable form: "All of: out_sum_24h ≥ 480,000; …". */
export function RuleView({ when }: { when: Condition }) {
  const { t } = useTranslation();
  return <ul className="trace" aria-label={t('scenario.rule')}><Node c={when} /></ul>;
}

function Node({ c }: { c: Condition }) {
  const { t } = useTranslation();
  const kind = groupKind(c);
  if (kind === 'all' || kind === 'any') {
    const items = (c as Record<string, Condition[]>)[kind];
    return <li><strong>{t(`trace.${kind}`)}</strong><ul>{items.map((x, i) => <Node key={i} c={x} />)}</ul></li>;
  }
  if (kind === 'not') return <li><strong>{t('trace.not')}</strong><ul><Node c={(c as { not: Condition }).not} /></ul></li>;
  const leaf = c as { feature: string; op: string; value: unknown };
  return <li><FeatureName name={leaf.feature} /> {t(`ops.${opKey(leaf.op)}`, { defaultValue: leaf.op })} <RuleValue value={leaf.value} /></li>;
}

/** A comparison's threshold as written: another feature by what it measures ("0.2 × 近 30 天交易笔数 cnt_30d"), else its value. */
export function RuleValue({ value }: { value: unknown }) {
  const ref = featureRef(value);
  if (!ref) return <code>{showValue(value)}</code>;
  return <span className="rule-value" data-testid="rule-value-feature">{ref.factor !== undefined && `${ref.factor.toLocaleString()} × `}<FeatureName name={ref.feature} /></span>;
}

export function opKey(op: string): string {
  return ({ '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', '==': 'eq', '!=': 'ne' } as Record<string, string>)[op] ?? op;
}
