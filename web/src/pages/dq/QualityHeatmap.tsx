import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../../api/client.ts';
import { EChart, type ChartOption } from '../../components/EChart.tsx';
import { Empty, QueryView } from '../../components/States.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { fieldLabel } from '../../lib/record-errors.ts';

type Day = Ok<'/api/v1/data-quality', 'get'>['days'][number];
type Metric = 'validity' | 'completeness';

const BUSINESS_OFFSET_MS = 8 * 3_600_000;
function lastBusinessDays(n: number): string[] {
  const today = Math.floor((Date.now() + BUSINESS_OFFSET_MS) / 86_400_000);
  return Array.from({ length: n }, (_, i) => new Date((today - n + 1 + i) * 86_400_000).toISOString().slice(0, 10));
}

/** Mean completeness over the fields reported for a source and day. */
function completeness(d: Day): number {
  const v = Object.values(d.completeness);
  return v.length === 0 ? 1 : v.reduce((a, b) => a + b, 0) / v.length;
}

export function QualityHeatmap() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params] = useSearchParams();
  const source = params.get('source') ?? undefined;
  const [metric, setMetric] = useState<Metric>('validity');
  const [picked, setPicked] = useState<Day | null>(null);
  const q = useQuery({
    queryKey: ['data-quality', source],
    queryFn: () => unwrap(api.GET('/api/v1/data-quality', { params: { query: { source } } })),
  });
  return (
    <QueryView query={q} isEmpty={(d) => d.days.length === 0} empty={t('dq.none')}>
      {({ days }) => <Heatmap days={days} metric={metric} setMetric={setMetric} picked={picked} setPicked={setPicked} lang={lang} />}
    </QueryView>
  );
}

function Heatmap({ days, metric, setMetric, picked, setPicked, lang }: {
  days: Day[]; metric: Metric; setMetric: (m: Metric) => void; picked: Day | null; setPicked: (d: Day) => void; lang: string;
}) {
  const { t } = useTranslation();
  const { option, cells } = useMemo(() => {
    // The report covers the last 30 business days (UTC+8); days without records stay empty cells.
    const dayList = [...new Set([...lastBusinessDays(30), ...days.map((d) => d.day)])].sort();
    const sources = [...new Set(days.map((d) => d.source))].sort();
    const cellList = days.map((d) => ({ d, x: dayList.indexOf(d.day), y: sources.indexOf(d.source), v: metric === 'validity' ? d.validity : completeness(d) }));
    const opt: ChartOption = {
      tooltip: { formatter: (p: { data: [number, number, number] }) => `${sources[p.data[1]]}<br/>${dayList[p.data[0]]}: ${formatPercent(p.data[2], lang)}` },
      grid: { left: 140, right: 16, top: 10, bottom: 90 },
      xAxis: { type: 'category', data: dayList.map((d) => d.slice(5)), splitArea: { show: true } },
      yAxis: { type: 'category', data: sources, splitArea: { show: true } },
      visualMap: { min: 0.9, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#b42318', '#f5c518', '#1a7f37'] }, formatter: (v: number) => formatPercent(v, lang) },
      series: [{ type: 'heatmap', data: cellList.map((c) => [c.x, c.y, c.v]), label: { show: false }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    };
    return { option: opt, cells: cellList };
  }, [days, metric, lang]);
  return (
    <div className="panel">
      <div className="row space-between">
        <h2>{t('dq.heatmapTitle')}</h2>
        <label className="field">
          <span>{t('dq.metric')}</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            <option value="validity">{t('dq.validity')}</option>
            <option value="completeness">{t('dq.completeness')}</option>
          </select>
        </label>
      </div>
      <EChart option={option} label={t('dq.heatmapLabel')} height={Math.max(220, 60 + 40 * new Set(days.map((d) => d.source)).size + 80)}
        onClick={(p) => { const c = cells[p.dataIndex]; if (c) setPicked(c.d); }} />
      <p className="muted">{t('dq.heatmapHint')}</p>
      {picked ? (
        <div className="table-wrap">
          <h3>{picked.source} · {picked.day}</h3>
          <p>{t('dq.records', { records: formatNumber(picked.records, lang), rejected: formatNumber(picked.rejected, lang) })}</p>
          <table className="table compact">
            <thead><tr><th scope="col">{t('dq.field')}</th><th scope="col" className="num">{t('dq.completeness')}</th><th scope="col" className="num">{t('dq.invalid')}</th></tr></thead>
            <tbody>
              {Object.keys(picked.completeness).sort().map((f) => (
                <tr key={f}><td>{fieldLabel(f, t)}</td><td className="num">{formatPercent(picked.completeness[f], lang)}</td><td className="num">{formatPercent(picked.invalidity[f] ?? 0, lang)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <Empty>{t('dq.pickCell')}</Empty>}
      <details>
        <summary>{t('dq.asTable')}</summary>
        <div className="table-wrap">
          <table className="table compact" data-testid="dq-table">
            <thead><tr><th scope="col">{t('dq.source')}</th><th scope="col">{t('dq.day')}</th><th scope="col" className="num">{t('dq.recordsCol')}</th><th scope="col" className="num">{t('dq.validity')}</th><th scope="col" className="num">{t('dq.completeness')}</th></tr></thead>
            <tbody>
              {days.map((d) => (
                <tr key={`${d.source}-${d.day}`}>
                  <td>{d.source}</td><td>{d.day}</td><td className="num">{formatNumber(d.records, lang)}</td>
                  <td className="num">{formatPercent(d.validity, lang)}</td><td className="num">{formatPercent(completeness(d), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
