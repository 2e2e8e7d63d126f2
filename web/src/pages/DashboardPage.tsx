import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../api/client.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { Empty, QueryView } from '../components/States.tsx';
import { formatAmount, formatAmountCompact, formatNumber, formatPercent } from '../lib/format.ts';
import { DECISION_COLORS } from '../lib/colors.ts';
import { useScenarioLibrary } from '../lib/scenario-library.ts';
import { localText } from '../lib/rule.ts';

type Summary = Ok<'/api/v1/dashboard/summary', 'get'>;
const DECISIONS = ['allow', 'review', 'block'] as const;

/** Link to the transaction list behind a figure: ranges are [from, to) epoch ms, the list takes ISO instants with `to` exclusive too. */
const txLink = (q: { from: number; to: number; decision?: string; scenario?: string }) => {
  const p = new URLSearchParams({ from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString() });
  if (q.decision) p.set('decision', q.decision);
  if (q.scenario) p.set('scenario', q.scenario);
  return `/transactions?${p.toString()}`;
};

function Figure({ label, value, to, testId }: { label: string; value: string; to: string; testId: string }) {
  return (
    <Link className="figure" to={to} data-testid={testId}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </Link>
  );
}

function DailyChart({ days }: { days: NonNullable<Summary['transactions']>['days'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value' },
    series: DECISIONS.map((d) => ({
      name: t(`decision.${d}`), type: 'bar', stack: 'total', itemStyle: { color: DECISION_COLORS[d] }, data: days.map((x) => x[d]),
    })),
  }), [days, t]);
  return (
    <EChart
      option={option}
      label={t('dashboard.chartLabel')}
      onClick={(p) => {
        const d = days[p.dataIndex];
        const decision = DECISIONS.find((x) => t(`decision.${x}`) === p.seriesName);
        if (d) navigate(txLink({ from: d.from, to: d.to, decision }));
      }}
    />
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useQuery({ queryKey: ['dashboard'], queryFn: () => unwrap(api.GET('/api/v1/dashboard/summary')), refetchInterval: 60_000 });
  const n = (x: number) => formatNumber(x, lang);
  // Scenario names come from the library (shared cache with the scenarios page); ids show until then.
  const library = useScenarioLibrary();
  const names = useMemo(() => new Map((library.data?.items ?? []).map((x) => [x.scenarioId, localText(x.name, lang)])), [library.data, lang]);
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t('dashboard.title')}</h1>
      <QueryView query={q}>
        {(s) => (
          <>
            {s.transactions && (
              <>
                <div className="figures" aria-label={t('dashboard.today')}>
                  <Figure testId="fig-today-total" label={t('dashboard.todayTransactions')} value={n(s.transactions.today.total)}
                    to={txLink({ from: s.transactions.today.from, to: s.transactions.today.to })} />
                  <Figure testId="fig-today-ingested" label={t('dashboard.todayIngested')} value={n(s.transactions.today.ingested)}
                    to={txLink({ from: s.transactions.today.from, to: s.transactions.today.to })} />
                  <Figure testId="fig-30d-total" label={t('dashboard.last30Total')} value={n(s.transactions.last30Days.total)}
                    to={txLink({ from: s.transactions.last30Days.from, to: s.transactions.last30Days.to })} />
                  {DECISIONS.map((d) => (
                    <Figure key={d} testId={`fig-30d-${d}`} label={t('dashboard.last30Decision', { decision: t(`decision.${d}`) })}
                      value={n(s.transactions!.last30Days[d])}
                      to={txLink({ from: s.transactions!.last30Days.from, to: s.transactions!.last30Days.to, decision: d })} />
                  ))}
                  {s.quarantine && (
                    <Figure testId="fig-quarantine" label={t('dashboard.quarantineOpen')} value={n(s.quarantine.open)} to="/data-quality?tab=quarantine" />
                  )}
                </div>
                <div className="panel">
                  <h2>{t('dashboard.daily')}</h2>
                  {s.transactions.last30Days.total === 0 ? <Empty>{t('dashboard.noTransactions')}</Empty> : <DailyChart days={s.transactions.days} />}
                </div>
              </>
            )}
            {!s.transactions && s.quarantine && (
              <div className="figures">
                <Figure testId="fig-quarantine" label={t('dashboard.quarantineOpen')} value={n(s.quarantine.open)} to="/data-quality?tab=quarantine" />
              </div>
            )}
            <div className="grid-2">
              {s.topScenarios && (
                <div className="panel">
                  <h2>{t('dashboard.topScenarios')}</h2>
                  {s.topScenarios.items.length === 0 ? <Empty>{t('dashboard.noHits')}</Empty> : (
                    <table className="table compact" data-testid="top-scenarios">
                      <thead><tr><th scope="col">{t('scenario.name')}</th><th scope="col">{t('scenario.typology')}</th><th scope="col" className="num">{t('dashboard.hits')}</th></tr></thead>
                      <tbody>
                        {s.topScenarios.items.map((i) => (
                          <tr key={i.scenarioId}>
                            <td className="wrap"><Link to={`/scenarios/${encodeURIComponent(i.scenarioId)}`}>{names.get(i.scenarioId) ?? i.scenarioId}</Link> <code className="muted">{i.scenarioId}</code></td>
                            <td>{t(`typology.${i.typology}`, { defaultValue: i.typology })}</td>
                            <td className="num"><Link to={txLink({ scenario: i.scenarioId, from: s.topScenarios!.from, to: s.topScenarios!.to })}>{n(i.hits)}</Link></td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              )}
              {s.rings && (
                <div className="panel">
                  <h2>{t('dashboard.rings')}</h2>
                  {s.rings.byTypology.length === 0 ? <Empty>{t('rings.none')}</Empty> : (
                    <table className="table compact" data-testid="ring-typologies">
                      <thead><tr><th scope="col">{t('scenario.typology')}</th><th scope="col" className="num">{t('rings.findings')}</th><th scope="col" className="num">{t('rings.members')}</th><th scope="col" className="num">{t('rings.total')}</th></tr></thead>
                      <tbody>
                        {s.rings.byTypology.map((r) => (
                          <tr key={r.typology}>
                            <td className="wrap">{t(`typology.${r.typology}`, { defaultValue: r.typology })}</td>
                            <td className="num"><Link to={`/rings?typology=${encodeURIComponent(r.typology)}`}>{n(r.findings)}</Link></td>
                            <td className="num">{n(r.members)}</td>
                            <td className="num" title={formatAmount(r.totalAmountMinor, 'CNY', lang)}>{formatAmountCompact(r.totalAmountMinor, 'CNY', lang)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              )}
              {s.dataQuality && (
                <div className="panel">
                  <h2>{t('dashboard.dataQuality')}</h2>
                  {s.dataQuality.length === 0 ? <Empty>{t('dq.none')}</Empty> : (
                    <table className="table compact" data-testid="dq-sources">
                      <thead><tr><th scope="col">{t('dq.source')}</th><th scope="col">{t('dq.day')}</th><th scope="col" className="num">{t('dq.validity')}</th><th scope="col">{t('dq.status')}</th></tr></thead>
                      <tbody>
                        {s.dataQuality.map((d) => (
                          <tr key={d.source}>
                            <td className="wrap break"><Link to={`/data-quality?source=${encodeURIComponent(d.source)}`}>{d.source}</Link></td>
                            <td>{d.day}</td>
                            <td className="num">{formatPercent(d.validity, lang)}</td>
                            <td><span className={`badge badge-${d.status}`}>{t(`dq.statuses.${d.status}`)}</span></td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </div>
              )}
            </div>
          </>
        )}
      </QueryView>
    </section>
  );
}
