import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../api/client.ts';
import { DataTable, Pager, type Column } from '../components/DataTable.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { DecisionBadge } from '../components/Badges.tsx';
import { dayEnd, dayStart, formatAmount, formatTime, toDateInput } from '../lib/format.ts';
import { CHANNELS, TXN_TYPES } from '../lib/domain.ts';
import { useBranches } from '../lib/branches.ts';
import { branchLabel, branchTree } from '../lib/branch-tree.ts';
import { localText } from '../lib/rule.ts';
import { useScenarioLibrary } from '../lib/scenario-library.ts';

type Page = Ok<'/api/v1/transactions', 'get'>;
type Row = Page['items'][number];

const SHOWN_HITS = 1;

/** The first scenario a transaction fired, then how many more fired (each counted once). */
function HitIds({ hits, lang }: { hits: Row['hits']; lang: string }) {
  const seen = new Map<string, Row['hits'][number]>();
  for (const h of hits) if (!seen.has(h.scenarioId)) seen.set(h.scenarioId, h);
  if (seen.size === 0) return <span className="muted">—</span>;
  const list = [...seen.values()];
  return (
    <span className="hit-ids" data-testid="hit-ids">
      {list.slice(0, SHOWN_HITS).map((h) => <code key={h.scenarioId} title={localText(h.reason, lang)}>{h.scenarioId}</code>)}
      {list.length > SHOWN_HITS && <span className="muted" title={list.slice(SHOWN_HITS).map((h) => h.scenarioId).join(', ')}>+{list.length - SHOWN_HITS}</span>}
    </span>
  );
}

const FILTERS = ['account', 'customer', 'branch', 'from', 'to', 'minAmount', 'maxAmount', 'channel', 'type', 'decision', 'scenario'] as const;
const SORTS = ['occurredAt', 'amount', 'score'] as const;
const PAGE_SIZE = 25;

/** The list state lives in the URL, so a filtered view can be linked to (the dashboard does). */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as (typeof SORTS)[number]) : 'occurredAt';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const update = (patch: Record<string, string | number | undefined>) => {
    // functional update: a callback kept by a table or form never works on stale parameters
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });
  };
  return { filters, sort, order, page, update } as const;
}

function FilterForm({ filters, onApply }: { filters: Record<string, string>; onApply: (f: Record<string, string>) => void }) {
  const { t, i18n } = useTranslation();
  // from/to travel as ISO 8601 instants (the API's format); the form edits them as local dates.
  const toInput = (v: string) => {
    const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    return v && !Number.isNaN(ms) ? toDateInput(ms) : '';
  };
  // `to` is exclusive on the API: the form's "to" date is the last day included.
  const [f, setF] = useState<Record<string, string>>(() => ({ ...filters, from: toInput(filters.from), to: filters.to ? toInput(String(Date.parse(filters.to) - 1)) : '' }));
  const set = (k: string) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({
      ...f,
      from: f.from ? new Date(dayStart(f.from)).toISOString() : '',
      to: f.to ? new Date(dayEnd(f.to) + 1).toISOString() : '',
    });
  };
  const text = (k: string) => (
    <label className="field" key={k}><span>{t(`txn.${k}`)}</span><input name={k} value={f[k] ?? ''} onChange={set(k)} /></label>
  );
  const select = (k: string, values: readonly string[], prefix: string) => (
    <label className="field" key={k}>
      <span>{t(`txn.${k}`)}</span>
      <select name={k} value={f[k] ?? ''} onChange={set(k)}>
        <option value="">{t('common.any')}</option>
        {values.map((v) => <option key={v} value={v}>{t(`${prefix}.${v}`)}</option>)}
      </select>
    </label>
  );
  // Branches by name, indented under their parents; a branch id from a link that is not in the
  // caller's tree stays selectable as it is.
  const branches = useBranches();
  const tree = branchTree(branches.data?.items ?? []);
  const branch = (
    <label className="field" key="branch">
      <span>{t('txn.branch')}</span>
      <select name="branch" value={f.branch ?? ''} onChange={set('branch')}>
        <option value="">{t('common.any')}</option>
        {f.branch && !tree.some((x) => x.branch.id === f.branch) && <option value={f.branch}>{f.branch}</option>}
        {tree.map(({ branch: b, depth }) => <option key={b.id} value={b.id}>{'\u3000'.repeat(depth)}{branchLabel(b.id, branches.data?.items)}</option>)}
      </select>
    </label>
  );
  // Scenarios by name from the library (the cache the scenario and dashboard pages share), for a
  // caller who may read it; otherwise the scenario id is typed.
  const library = useScenarioLibrary();
  const lang = i18n.language;
  const scenarios = useMemo(() => [...(library.data?.items ?? [])].sort((a, b) => a.scenarioId.localeCompare(b.scenarioId)), [library.data]);
  const scenario = library.data ? (
    <label className="field" key="scenario">
      <span>{t('txn.scenario')}</span>
      <select name="scenario" value={f.scenario ?? ''} onChange={set('scenario')}>
        <option value="">{t('common.any')}</option>
        {f.scenario && !scenarios.some((x) => x.scenarioId === f.scenario) && <option value={f.scenario}>{f.scenario}</option>}
        {scenarios.map((x) => <option key={x.scenarioId} value={x.scenarioId}>{x.scenarioId} {localText(x.name, lang)}</option>)}
      </select>
    </label>
  ) : text('scenario');
  return (
    <form className="filters" onSubmit={submit} aria-label={t('txn.filters')}>
      {text('account')}{text('customer')}{branch}
      <label className="field"><span>{t('txn.from')}</span><input type="date" name="from" value={f.from} onChange={set('from')} /></label>
      <label className="field"><span>{t('txn.to')}</span><input type="date" name="to" value={f.to} onChange={set('to')} /></label>
      <label className="field"><span>{t('txn.minAmount')}</span><input inputMode="decimal" pattern="\\d+(\\.\\d{1,2})?" name="minAmount" value={f.minAmount} onChange={set('minAmount')} /></label>
      <label className="field"><span>{t('txn.maxAmount')}</span><input inputMode="decimal" pattern="\\d+(\\.\\d{1,2})?" name="maxAmount" value={f.maxAmount} onChange={set('maxAmount')} /></label>
      {select('channel', CHANNELS, 'channel')}
      {select('type', TXN_TYPES, 'txnType')}
      {select('decision', ['allow', 'review', 'block'], 'decision')}
      {scenario}
      <div className="filter-actions">
        <button type="submit" className="btn btn-primary">{t('common.apply')}</button>
        <button type="button" className="btn" onClick={() => onApply({})}>{t('common.reset')}</button>
      </div>
    </form>
  );
}

export function TransactionsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { filters, sort, order, page, update } = useListParams();
  const query = useMemo(() => {
    const q: Record<string, string | number> = { sort, order, page, pageSize: PAGE_SIZE };
    for (const [k, v] of Object.entries(filters)) if (v) q[k] = v;
    return q;
  }, [filters, sort, order, page]);
  const list = useQuery({
    queryKey: ['transactions', query],
    queryFn: () => unwrap(api.GET('/api/v1/transactions', { params: { query: query as never } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<Column<Row>[]>(() => [
    // Time, channel and type may wrap: in English ("Dec 5, 2026, 10:19 PM", "Third-party payment") the row is wider than the page.
    { id: 'occurredAt', header: () => t('txn.occurredAt'), meta: { className: 'wrap' }, accessorFn: (r) => r.occurredAt, cell: (c) => formatTime(Date.parse(c.row.original.occurredAt), lang) },
    { id: 'id', header: () => t('txn.id'), enableSorting: false, accessorFn: (r) => r.id,
      cell: (c) => <Link to={`/transactions/${encodeURIComponent(c.row.original.id)}`}>{c.row.original.id}</Link> },
    { id: 'debit', header: () => t('txn.debit'), enableSorting: false, accessorFn: (r) => r.debitAccount ?? '—' },
    { id: 'credit', header: () => t('txn.credit'), enableSorting: false, accessorFn: (r) => r.creditAccount ?? '—' },
    { id: 'amount', header: () => t('txn.amount'), meta: { className: 'num' }, accessorFn: (r) => r.amountMinor, cell: (c) => formatAmount(c.row.original.amountMinor, c.row.original.currency, lang) },
    { id: 'channel', header: () => t('txn.channel'), enableSorting: false, meta: { className: 'wrap' }, accessorFn: (r) => t(`channel.${r.channel}`) },
    { id: 'type', header: () => t('txn.type'), enableSorting: false, meta: { className: 'wrap' }, accessorFn: (r) => t(`txnType.${r.type}`) },
    { id: 'score', header: () => t('txn.score'), meta: { className: 'num' }, accessorFn: (r) => r.score },
    // Which scenarios fired, so a review queue reads without opening each transaction (the reason on hover).
    { id: 'hits', header: () => t('txn.scenario'), enableSorting: false, accessorFn: (r) => r.hits.map((h) => h.scenarioId).join(' '),
      cell: (c) => <HitIds hits={c.row.original.hits} lang={lang} /> },
    { id: 'decision', header: () => t('txn.decision'), enableSorting: false, accessorFn: (r) => r.decision, cell: (c) => <DecisionBadge decision={c.row.original.decision} /> },
  ], [t, lang]);
  const sorting = useMemo(() => [{ id: sort, desc: order === 'desc' }], [sort, order]);
  return (
    <section aria-labelledby="txn-title">
      <h1 id="txn-title">{t('txn.title')}</h1>
      <FilterForm key={JSON.stringify(filters)} filters={filters} onApply={(f) => update({ ...Object.fromEntries(FILTERS.map((k) => [k, f[k] ?? ''])), page: undefined })} />
      {list.isPending ? <Loading /> : list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : list.data.items.length === 0 ? <Empty>{t('txn.none')}</Empty> : (
        <div aria-busy={list.isFetching}>
          <DataTable testId="transactions-table" caption={t('txn.title')} data={list.data.items} columns={columns} rowKey={(r) => r.id}
            sorting={sorting}
            onSortingChange={(s) => s[0] && update({ sort: s[0].id, order: s[0].desc ? 'desc' : 'asc', page: undefined })}
            onOpen={(r) => navigate(`/transactions/${encodeURIComponent(r.id)}`)} />
          <Pager page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} exact={list.data.totalExact} rows={list.data.items.length} onPage={(p) => update({ page: p })} />
        </div>
      )}
    </section>
  );
}
