import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useFilterParams } from '../../lib/search-params.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../../api/client.ts';
import { DataTable, Pager, type Column } from '../../components/DataTable.tsx';
import { Empty, ErrorState, Loading } from '../../components/States.tsx';
import { formatTime } from '../../lib/format.ts';
import { fieldLabel, reasonText } from '../../lib/record-errors.ts';
import { useAuth } from '../../auth/auth.tsx';
import { QuarantineBulk } from './QuarantineBulk.tsx';
import { QuarantineSummary } from './QuarantineSummary.tsx';
import { QUARANTINE_CODES } from '../../lib/domain.ts';

type Row = Ok<'/api/v1/quarantine', 'get'>['items'][number];
const STATUSES = ['open', 'resubmitted', 'discarded'] as const;
const PAGE_SIZE = 25;

export function QuarantineList() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, set] = useFilterParams();
  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as (typeof STATUSES)[number]) : 'open';
  const { can } = useAuth();
  const source = params.get('source') ?? '';
  const code = params.get('code') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = useQuery({
    queryKey: ['quarantine', status, source, code, page],
    queryFn: () => unwrap(api.GET('/api/v1/quarantine', { params: { query: { status, source: source || undefined, code: code || undefined, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo<Column<Row>[]>(() => [
    // Sentences, file names and times wrap: a reason in English is a long line.
    { id: 'createdAt', header: () => t('quarantine.createdAt'), meta: { className: 'wrap' }, accessorFn: (r) => formatTime(Date.parse(r.createdAt), i18n.language) },
    { id: 'id', header: () => t('quarantine.record'), accessorFn: (r) => r.id, cell: (c) => <Link to={`/data-quality/quarantine/${encodeURIComponent(c.row.original.id)}`}>{String(c.row.original.record.id ?? c.row.original.id)}</Link> },
    { id: 'source', header: () => t('dq.source'), meta: { className: 'wrap break' }, accessorFn: (r) => r.source },
    { id: 'position', header: () => t('quarantine.position'), meta: { className: 'num' }, accessorFn: (r) => r.position },
    { id: 'field', header: () => t('quarantine.field'), meta: { className: 'wrap' }, accessorFn: (r) => (r.field ? fieldLabel(r.field, t) : '—') },
    { id: 'reason', header: () => t('quarantine.reason'), meta: { className: 'wrap' }, accessorFn: (r) => reasonText(r.errors, r.reason, t), cell: (c) => <span data-testid="quarantine-reason">{reasonText(c.row.original.errors, c.row.original.reason, t)}</span> },
  ], [t, i18n.language]);
  return (
    <>
      <QuarantineSummary onPick={(src, c) => set({ status: 'open', source: src, code: c })} />
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('quarantine.filters')}>
        <label className="field">
          <span>{t('quarantine.status')}</span>
          <select value={status} onChange={(e) => set('status', e.target.value)}>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`quarantine.statuses.${s}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('dq.source')}</span>
          <input key={source} defaultValue={source} onBlur={(e) => set('source', e.target.value.trim())} onKeyDown={(e) => { if (e.key === 'Enter') set('source', e.currentTarget.value.trim()); }} />
        </label>
        <label className="field">
          <span>{t('quarantine.code')}</span>
          <select value={code} onChange={(e) => set('code', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {QUARANTINE_CODES.map((c) => <option key={c} value={c}>{t(`quarantine.codes.${c}`)}</option>)}
          </select>
        </label>
      </form>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? <Empty>{t('quarantine.none')}</Empty> : (
        <>
          <DataTable testId="quarantine-table" caption={t('dq.tabs.quarantine')} data={q.data.items} columns={columns} rowKey={(r) => r.id}
            onOpen={(r) => navigate(`/data-quality/quarantine/${encodeURIComponent(r.id)}`)} />
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(p) => set('page', String(p))} />
        </>
      )}
      {status === 'open' && can('quarantine:resolve') && q.data && <QuarantineBulk key={`${source}\n${code}`} source={source} code={code} total={q.data.total} />}
    </>
  );
}
