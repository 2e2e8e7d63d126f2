import { memo, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { describeFeature, featureOptions } from '../lib/features.ts';

/** Id of the one list of feature suggestions on a page (the rule editor's feature inputs point to it). */
export const FEATURE_LIST_ID = 'feature-names';

/** The engine's feature catalogue; it changes only with a new server version. */
export function useFeatureCatalogue() {
  return useQuery({ queryKey: ['features'], queryFn: () => unwrap(api.GET('/api/v1/features')), staleTime: Infinity });
}

/**
 * Suggestions for the feature inputs: every name a rule may use, with what it measures. Memoised
 * (no props): the editor re-renders on every keystroke, the 4,000 options need not.
 */
export const FeatureSuggestions = memo(function FeatureSuggestions() {
  const { i18n } = useTranslation();
  const q = useFeatureCatalogue();
  const options = useMemo(() => (q.data ? featureOptions(q.data, i18n.language) : []), [q.data, i18n.language]);
  return (
    <datalist id={FEATURE_LIST_ID} data-testid="feature-names">
      {options.map((o) => <option key={o.name} value={o.name} label={o.text} />)}
    </datalist>
  );
});

/** What the typed feature measures and in which unit, or that no feature has this name. */
export function FeatureHint({ name, id }: { name: string; id: string }) {
  const { t, i18n } = useTranslation();
  const q = useFeatureCatalogue();
  if (!q.data || name.trim() === '') return null;
  const d = describeFeature(name.trim(), q.data, i18n.language);
  if (!d) return <p className="field-hint" id={id} data-testid="feature-hint">{t('ruleEditor.unknownFeature')}</p>;
  return (
    <p className="field-hint" id={id} data-testid="feature-hint">
      {d.text} <span className="muted">({d.unit}{d.categories ? `: ${d.categories.join(' / ')}` : ''})</span>
    </p>
  );
}

/** A feature as a reader should see it: what it measures, then its name in the rule language. */
export function FeatureName({ name }: { name: string }) {
  const { i18n } = useTranslation();
  const q = useFeatureCatalogue();
  const d = q.data ? describeFeature(name, q.data, i18n.language) : null;
  if (!d) return <code>{name}</code>;
  return <span className="feature-name" data-testid="feature-name">{d.text} <code className="feature-id">{name}</code></span>;
}
