import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { docOf, type ScenarioVersion } from '../api/scenarios.ts';
import { useAuth } from '../auth/auth.tsx';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { QueryView } from '../components/States.tsx';
import { SeverityBadge, StatusBadge } from '../components/Badges.tsx';
import { RuleView } from '../components/RuleView.tsx';
import { DraftEditor } from './scenario/DraftEditor.tsx';
import { VersionActions } from './scenario/VersionActions.tsx';
import { formatTime } from '../lib/format.ts';
import { localText } from '../lib/rule.ts';


function HitsChart({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['scenario-hits', id],
    queryFn: () => unwrap(api.GET('/api/v1/dashboard/scenario-hits', { params: { query: { scenario: id, days: 90 } } })),
  });
  const option = useMemo<ChartOption | null>(() => q.data ? {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: q.data.days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('scenario.hits'), type: 'bar', itemStyle: { color: '#0b5cad' }, data: q.data.days.map((d) => d.hits) }],
  } : null, [q.data, t]);
  return (
    <QueryView query={q}>
      {(d) => (
        <>
          <p className="muted">
            {t('scenario.hitsTotal', { count: d.days.reduce((n, x) => n + x.hits, 0) })}{' '}
            <Link to={`/transactions?scenario=${encodeURIComponent(id)}&from=${new Date(d.from).toISOString()}&to=${new Date(d.to).toISOString()}`}>{t('scenario.seeTransactions')}</Link>
          </p>
          {option && <EChart option={option} label={t('scenario.hitsLabel')} height={220}
            onClick={(p) => { const x = d.days[p.dataIndex]; if (x) navigate(`/transactions?scenario=${encodeURIComponent(id)}&from=${new Date(x.from).toISOString()}&to=${new Date(x.to).toISOString()}`); }} />}
        </>
      )}
    </QueryView>
  );
}

function Doc({ text }: { text: string }) {
  if (!text.trim()) return null;
  return <div className="doc">{text.split(/\n{2,}/).map((p, i) => <p key={i} style={{ whiteSpace: 'pre-wrap' }}>{p}</p>)}</div>;
}

function Versions({ items }: { items: ScenarioVersion[] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3>{t('scenario.versions')}</h3>
      <table className="table compact">
        <thead><tr><th scope="col">{t('scenario.version')}</th><th scope="col">{t('scenario.status')}</th><th scope="col">{t('scenario.updatedAt')}</th><th scope="col">{t('scenario.by')}</th></tr></thead>
        <tbody>
          {[...items].reverse().map((v) => (
            <tr key={v.version}>
              <td>v{v.version}</td><td><StatusBadge status={v.status} /></td>
              <td>{formatTime(Date.parse(v.updatedAt), i18n.language)}</td><td>{v.builtIn && v.createdBy === 'system' ? t('scenario.builtInLibrary') : v.createdByName ?? v.createdBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ScenarioPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const q = useQuery({ queryKey: ['scenario', id], queryFn: () => unwrap(api.GET('/api/v1/scenarios/{id}', { params: { path: { id } } })) });
  return (
    <section aria-labelledby="scn-title">
      <p><Link to="/scenarios">← {t('scenario.back')}</Link></p>
      <QueryView query={q}>
        {({ items }) => {
          const active = items.find((v) => v.status === 'active') ?? null;
          const draft = items.find((v) => v.status === 'draft') ?? null;
          const latest = items[items.length - 1];
          const shownVersion = active ?? draft ?? latest;
          const shown = docOf(shownVersion);
          return (
            <>
              <h1 id="scn-title">{localText(shown.name, lang) || id}</h1>
              <div className="row">
                <code>{id}</code>
                <SeverityBadge severity={shown.severity} />
                <StatusBadge status={shownVersion.status} />
                <span className="muted">v{shownVersion.version} · {t(`typology.${shown.typology}`, { defaultValue: shown.typology })} · {t('scenario.weight')} {shown.weight}</span>
                {draft && shownVersion !== draft && <span className="muted">· {t('scenario.hasDraft', { version: draft.version })}</span>}
              </div>
              <div className="grid-2" style={{ marginTop: '1rem' }}>
                <div className="panel">
                  <h2>{t('scenario.rule')}</h2>
                  <RuleView when={shown.when} />
                  <h3>{t('scenario.reason')}</h3>
                  <p>{localText(shown.reason, lang)}</p>
                </div>
                <div className="panel">
                  <h2>{t('scenario.documentation')}</h2>
                  <p>{localText(shown.description, lang)}</p>
                  <Doc text={shown.doc ?? ''} />
                  <Versions items={items} />
                  {can('scenarios:activate') && <VersionActions scenarioId={id} items={items} />}
                </div>
              </div>
              <div className="panel">
                <h2>{t('scenario.hitsOverTime')}</h2>
                <HitsChart id={id} />
              </div>
              {can('scenarios:write') && <DraftEditor scenarioId={id} base={draft ?? active ?? latest} draft={draft} />}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
