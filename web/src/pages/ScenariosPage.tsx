import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { statusOf, type ScenarioSummary } from '../api/scenarios.ts';
import { Empty, QueryView } from '../components/States.tsx';
import { SeverityBadge, StatusBadge } from '../components/Badges.tsx';
import { localText } from '../lib/rule.ts';
import { useScenarioLibrary } from '../lib/scenario-library.ts';

type Item = ScenarioSummary;

/** The scenario library grouped by typology, with severity, status and version. */
export function ScenariosPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const q = useScenarioLibrary();
  const groups = useMemo(() => {
    const items = q.data?.items ?? [];
    const needle = text.trim().toLowerCase();
    const kept = items.filter((s) => (!status || statusOf(s) === status)
      && (!needle || s.scenarioId.toLowerCase().includes(needle) || localText(s.name, lang).toLowerCase().includes(needle)));
    const by = new Map<string, Item[]>();
    for (const s of kept) by.set(s.typology, [...(by.get(s.typology) ?? []), s]);
    return [...by.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [q.data, text, status, lang]);
  const statuses = useMemo(() => [...new Set((q.data?.items ?? []).map(statusOf))].sort(), [q.data]);
  return (
    <section aria-labelledby="sc-title">
      <h1 id="sc-title">{t('scenario.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('scenario.filters')}>
        <label className="field"><span>{t('scenario.search')}</span><input type="search" value={text} onChange={(e) => setText(e.target.value)} /></label>
        <label className="field">
          <span>{t('scenario.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('common.any')}</option>
            {statuses.map((s) => <option key={s} value={s}>{t(`status.${s}`, { defaultValue: s })}</option>)}
          </select>
        </label>
      </form>
      <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={t('scenario.none')}>
        {() => groups.length === 0 ? <Empty>{t('scenario.noMatch')}</Empty> : (
          <>
            <p className="muted">{t('scenario.count', { count: groups.reduce((n, [, l]) => n + l.length, 0), groups: groups.length })}</p>
            {groups.map(([typology, list]) => (
              <div className="panel typology-group" key={typology}>
                <h2>{t(`typology.${typology}`, { defaultValue: typology })} <span className="muted">({list.length})</span></h2>
                <div className="table-wrap">
                  <table className="table compact" data-testid={`typology-${typology}`}>
                    <thead><tr>
                      <th scope="col">{t('scenario.name')}</th><th scope="col">{t('scenario.id')}</th><th scope="col">{t('scenario.severity')}</th>
                      <th scope="col">{t('scenario.status')}</th><th scope="col" className="num">{t('scenario.version')}</th>
                    </tr></thead>
                    <tbody>
                      {list.map((s) => (
                        <tr key={s.scenarioId}>
                          <td><Link to={`/scenarios/${encodeURIComponent(s.scenarioId)}`}>{localText(s.name, lang)}</Link></td>
                          <td><code>{s.scenarioId}</code></td>
                          <td><SeverityBadge severity={s.severity} /></td>
                          <td><StatusBadge status={statusOf(s)} />{s.activeVersion !== null && s.draftVersion !== null && <> <StatusBadge status="draft" /></>}</td>
                          <td className="num">v{s.activeVersion ?? s.latestVersion}{s.draftVersion !== null && s.draftVersion !== s.activeVersion ? ` (v${s.draftVersion})` : ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            ))}
          </>
        )}
      </QueryView>
    </section>
  );
}
