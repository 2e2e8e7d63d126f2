import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { formatNumber, formatTime } from '../../lib/format.ts';

/**
 * After an activation or deactivation answered `engine: 'rebuilding'` (the server stops waiting
 * after 10 s: at a large bank the replay of the stored log takes minutes, longer than a proxy keeps
 * a request open): follows GET /scoring-engine every 2 s and says how far the rebuild is, then that
 * the change applies. `done` is the message once it does.
 */
export function EngineRebuild({ done }: { done: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['scoring-engine'],
    queryFn: () => unwrap(api.GET('/api/v1/scoring-engine')),
    refetchInterval: (query) => (query.state.data?.state === 'rebuilding' || query.state.data === undefined ? 2_000 : false),
  });
  const s = q.data;
  if (!s || s.state === 'rebuilding') {
    return (
      <p role="status" className="state" data-testid="engine-rebuild">
        {t('scenario.rebuildingLong', {
          replayed: formatNumber(s?.replayed ?? 0, i18n.language),
          since: s?.since ? formatTime(Date.parse(s.since), i18n.language) : '—',
          share: s?.share != null ? `${Math.round(s.share * 100)}%` : '—',
        })}
      </p>
    );
  }
  return <p role="status" className="state" data-testid="engine-rebuild">{done}</p>;
}
