import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { ScenarioVersion } from '../../api/scenarios.ts';
import { ErrorState } from '../../components/States.tsx';
import { EngineRebuild } from './EngineRebuild.tsx';

type Action = { kind: 'deactivate' } | { kind: 'activate'; version: number };

/**
 * Turning a scenario off (停用) and putting an earlier version back (启用此版本, a rollback), with a
 * confirmation first: either changes the set the engine scores with, and the server answers once
 * the new set scores (its engine is rebuilt from the log beside the one scoring, which takes a
 * while at a large bank), so the wait is said while it lasts; after 10 s it answers that the
 * rebuild goes on, which EngineRebuild follows.
 */
export function VersionActions({ scenarioId, items }: { scenarioId: string; items: ScenarioVersion[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asked, setAsked] = useState<Action | null>(null);
  const change = useMutation({
    mutationFn: async (a: Action) => {
      const { engine } = a.kind === 'deactivate'
        ? await unwrap(api.POST('/api/v1/scenarios/{id}/deactivate', { params: { path: { id: scenarioId } } }))
        : await unwrap(api.POST('/api/v1/scenarios/{id}/activate', { params: { path: { id: scenarioId } }, body: { version: a.version } }));
      return { ...a, engine };
    },
    onSuccess: () => {
      setAsked(null);
      void qc.invalidateQueries({ queryKey: ['scenario', scenarioId] });
      void qc.invalidateQueries({ queryKey: ['scenarios'] });
    },
  });
  const active = items.find((v) => v.status === 'active') ?? null;
  const earlier = [...items].reverse().filter((v) => v.status === 'superseded' || v.status === 'inactive');
  return (
    <div className="version-actions" data-testid="version-actions">
      <div className="row" style={{ marginTop: '0.5rem' }}>
        {active && <button type="button" className="btn" disabled={change.isPending} onClick={() => setAsked({ kind: 'deactivate' })}>{t('scenario.deactivate')}</button>}
        {earlier.map((v) => (
          <button key={v.version} type="button" className="btn" disabled={change.isPending} onClick={() => setAsked({ kind: 'activate', version: v.version })}>
            {t('scenario.reactivate', { version: v.version })}
          </button>
        ))}
      </div>
      {asked && !change.isPending && (
        <div className="state" role="alertdialog" aria-label={t('scenario.confirmTitle')}>
          <p>{asked.kind === 'deactivate' ? t('scenario.confirmDeactivate', { version: active?.version }) : t('scenario.confirmReactivate', { version: asked.version })}</p>
          <div className="row">
            <button type="button" className="btn btn-primary" onClick={() => change.mutate(asked)}>{t('scenario.confirm')}</button>
            <button type="button" className="btn" onClick={() => setAsked(null)}>{t('scenario.cancel')}</button>
          </div>
        </div>
      )}
      {change.isPending && <p role="status" className="state">{t('scenario.rebuilding')}</p>}
      {change.isError && <ErrorState error={change.error} />}
      {change.isSuccess && (() => {
        const done = change.data.kind === 'deactivate' ? t('scenario.deactivated') : t('scenario.activated', { version: change.data.version });
        return change.data.engine === 'rebuilding' ? <EngineRebuild done={done} /> : <p role="status" className="state">{done}</p>;
      })()}
    </div>
  );
}
