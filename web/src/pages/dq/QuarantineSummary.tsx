import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { formatNumber, formatTime } from '../../lib/format.ts';
import { fieldLabel } from '../../lib/record-errors.ts';

/**
 * What is open, per source, reason code and field (most first): a day's rejects mostly share a
 * few causes, each mended at once (a reference load, a rule, the sender) and then taken in bulk.
 * Choosing a group sets the list's filters to it.
 */
export function QuarantineSummary({ onPick }: { onPick: (source: string, code: string) => void }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: ['quarantine', 'summary'], queryFn: () => unwrap(api.GET('/api/v1/quarantine/summary')) });
  if (!q.data || q.data.groups.length === 0) return null;
  return (
    <div className="panel">
      <table className="table compact" data-testid="quarantine-summary">
        <caption>{t('quarantine.summary.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dq.source')}</th><th scope="col">{t('quarantine.code')}</th><th scope="col">{t('quarantine.field')}</th>
            <th scope="col" className="num">{t('quarantine.summary.open')}</th><th scope="col">{t('quarantine.summary.oldest')}</th><th scope="col"><span className="sr-only">{t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {q.data.groups.map((g) => (
            <tr key={`${g.source}\n${g.code}\n${g.field ?? ''}`}>
              <td className="break">{g.source}</td>
              <td>{t(`quarantine.codes.${g.code}`, { defaultValue: g.code })}</td>
              <td>{g.field ? fieldLabel(g.field, t) : '—'}</td>
              <td className="num">{formatNumber(g.open, i18n.language)}</td>
              <td>{formatTime(Date.parse(g.oldest), i18n.language)}</td>
              <td><button type="button" className="btn btn-small" onClick={() => onPick(g.source, g.code)}>{t('quarantine.summary.pick')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
