import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { ErrorState } from '../../components/States.tsx';
import { formatNumber, formatPercent, formatTime } from '../../lib/format.ts';
import { localText } from '../../lib/rule.ts';

/**
 * Runs a version (the draft by default) over the most recent days of stored transactions with the
 * engine's own code, beside the active version, and shows what it would fire on.
 */
export function TestPanel({ id, version }: { id: string; version: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [days, setDays] = useState('7');
  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/scenarios/{id}/test', { params: { path: { id } }, body: { version, days: Number(days) } })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  const r = run.data;
  const n = (x: number) => formatNumber(x, lang);
  const pct = (x: number | null) => (x === null ? '—' : formatPercent(x, lang));
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="test-title">
      <h2 id="test-title">{t('scenario.test', { version })}</h2>
      <div className="row">
        <label className="field">
          <span>{t('scenario.testDays')}</span>
          <select value={days} onChange={(e) => setDays(e.target.value)}>
            {['1', '7', '30', '90'].map((d) => <option key={d} value={d}>{t('scenario.days', { count: Number(d) })}</option>)}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={run.isPending}>{run.isPending ? t('common.loading') : t('scenario.runTest')}</button>
      </div>
      {run.isError && <ErrorState error={run.error} />}
      {r && (
        <div role="status" data-testid="test-result">
          <p>{t('scenario.testResult', { transactions: n(r.transactions), alerts: n(r.candidate.alerts), accounts: n(r.candidate.accounts) })}</p>
          <table className="table compact">
            <thead><tr><th scope="col"></th><th scope="col" className="num">{t('scenario.alerts')}</th><th scope="col" className="num">{t('scenario.accounts')}</th><th scope="col" className="num">{t('scenario.precision')}</th><th scope="col" className="num">{t('scenario.recall')}</th></tr></thead>
            <tbody>
              {[['candidate', r.candidate] as const, ...(r.active ? [['active', r.active] as const] : [])].map(([k, side]) => (
                <tr key={k}>
                  <th scope="row">{t(`scenario.sideOf.${k}`, { version: side.version ?? '—' })}</th>
                  <td className="num">{n(side.alerts)}</td><td className="num">{n(side.accounts)}</td>
                  <td className="num">{pct(side.precision)}</td><td className="num">{pct(side.recall)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.examples.length > 0 && (
            <ul>
              {r.examples.map((x) => (
                <li key={`${x.txnId}-${x.side}`}>
                  <Link to={`/transactions/${encodeURIComponent(x.txnId)}`}>{formatTime(x.occurredAt, lang)}</Link> — {localText(x.reason, lang)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
