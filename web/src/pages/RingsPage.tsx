import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useFilterParams } from '../lib/search-params.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../api/client.ts';
import { DataTable, Pager, type Column } from '../components/DataTable.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useAuth } from '../auth/auth.tsx';
import { formatAmount, formatTime } from '../lib/format.ts';

type Page = Ok<'/api/v1/rings/findings', 'get'>;
type Row = Page['items'][number];
const PAGE_SIZE = 25;
export const RING_TYPOLOGIES = ['fan_out', 'fan_in', 'cycle', 'scatter_gather', 'gather_scatter', 'bipartite', 'stack', 'shared_identifier'] as const;

const MINE_DAYS = 90;

/** Runs ring mining over the last 90 days now (the scheduled job does the same periodically). */
function MineButton() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const mine = useMutation({
    mutationFn: () => {
      const to = Date.now();
      return unwrap(api.POST('/api/v1/rings/mine', { body: { from: new Date(to - MINE_DAYS * 86_400_000).toISOString(), to: new Date(to).toISOString() } }));
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['rings'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  return (
    <div className="row">
      <button type="button" className="btn" disabled={mine.isPending} onClick={() => mine.mutate()}>
        {mine.isPending ? t('rings.mining') : t('rings.mine', { days: MINE_DAYS })}
      </button>
      {mine.data && <span role="status" data-testid="mine-result">{t('rings.mined', { findings: mine.data.findings.toLocaleString(i18n.language), created: mine.data.newFindings.toLocaleString(i18n.language), transactions: mine.data.transactions.toLocaleString(i18n.language) })}</span>}
      {mine.isError && <ErrorState error={mine.error} />}
    </div>
  );
}

/** Ring findings, by typology, with members, total amount and time span. */
export function RingsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { can } = useAuth();
  const [params, set] = useFilterParams();
  const wanted = params.get('typology') ?? '';
  const typology = (RING_TYPOLOGIES as readonly string[]).includes(wanted) ? (wanted as (typeof RING_TYPOLOGIES)[number]) : '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const account = params.get('account') ?? '';
  const q = useQuery({
    queryKey: ['rings', typology, account, page],
    queryFn: () => unwrap(api.GET('/api/v1/rings/findings', { params: { query: { typology: typology || undefined, account: account || undefined, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<Column<Row>[]>(() => [
    { id: 'typology', header: () => t('scenario.typology'), accessorFn: (r) => r.typology,
      cell: (c) => <Link to={`/rings/${encodeURIComponent(c.row.original.id)}`}>{t(`typology.${c.row.original.typology}`, { defaultValue: c.row.original.typology })}</Link> },
    { id: 'members', header: () => t('rings.members'), meta: { className: 'num' }, accessorFn: (r) => r.memberCount,
      // Members, and the structure's other accounts (trimmed from it) beside them.
      cell: (c) => (c.row.original.contextCount > 0
        ? <>{c.row.original.memberCount} <span className="muted" title={t('rings.contextCount', { count: c.row.original.contextCount })}>(+{c.row.original.contextCount})</span></>
        : c.row.original.memberCount) },
    { id: 'txns', header: () => t('rings.txnCount'), meta: { className: 'num' }, accessorFn: (r) => r.txnCount },
    { id: 'total', header: () => t('rings.total'), meta: { className: 'num' }, accessorFn: (r) => r.totalAmountMinor, cell: (c) => formatAmount(c.row.original.totalAmountMinor, 'CNY', lang) },
    { id: 'span', header: () => t('rings.span'), accessorFn: (r) => r.firstAt,
      cell: (c) => c.row.original.firstAt === null ? '—' : `${formatTime(Date.parse(c.row.original.firstAt), lang)} – ${formatTime(Date.parse(c.row.original.lastAt ?? c.row.original.firstAt), lang)}` },
    { id: 'score', header: () => t('txn.score'), meta: { className: 'num' }, accessorFn: (r) => r.score },
  ], [t, lang]);
  return (
    <section aria-labelledby="rings-title">
      <div className="row space-between">
        <h1 id="rings-title">{t('rings.title')}</h1>
        <div className="row">
          <Link to="/rings/params" className="btn" data-testid="ring-params-link">{t('ringParams.link')}</Link>
          <Link to="/rings/known-bad" className="btn" data-testid="known-bad-link">{t('knownBad.link')}</Link>
          {can('rings:mine') && <MineButton />}
        </div>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('rings.filters')}>
        <label className="field">
          <span>{t('scenario.typology')}</span>
          <select value={typology} onChange={(e) => set('typology', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {RING_TYPOLOGIES.map((x) => <option key={x} value={x}>{t(`typology.${x}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('txn.account')}</span>
          <input value={account} onChange={(e) => set('account', e.target.value.trim())} placeholder={t('rings.accountHint')} data-testid="rings-account" />
        </label>
      </form>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? <Empty>{t('rings.none')}</Empty> : (
        <>
          <DataTable testId="rings-table" caption={t('rings.title')} data={q.data.items} columns={columns} rowKey={(r) => r.id}
            onOpen={(r) => navigate(`/rings/${encodeURIComponent(r.id)}`)} />
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(p) => set('page', String(p))} />
        </>
      )}
    </section>
  );
}
