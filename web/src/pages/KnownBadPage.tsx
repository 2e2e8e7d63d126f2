import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Ok } from '../api/client.ts';
import { DataTable, Pager, type Column } from '../components/DataTable.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { useAuth } from '../auth/auth.tsx';
import { formatTime } from '../lib/format.ts';
import { useFilterParams } from '../lib/search-params.ts';
import { parseAccountList } from '../lib/account-list.ts';

type Page = Ok<'/api/v1/rings/known-bad', 'get'>;
type Row = Page['items'][number];
type Source = Row['source'];
export const KNOWN_BAD_SOURCES: readonly Source[] = ['police_notice', 'str', 'case', 'shared', 'manual'];
const PAGE_SIZE = 25;

/** Lists pasted accounts (a police notice's list: one per line, or separated by commas) with one source and reference. */
function AddForm() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [source, setSource] = useState<Source>('police_notice');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const parsed = useMemo(() => parseAccountList(text), [text]);
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/rings/known-bad', {
      body: { entries: parsed.accounts.map((accountId) => ({ accountId, source, reference: reference.trim() || null, note: note.trim() || null })) },
    })),
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: ['known-bad'] });
      void qc.invalidateQueries({ queryKey: ['rings', 'account'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (parsed.accounts.length > 0 && parsed.invalid.length === 0) add.mutate();
  };
  const n = (x: number) => x.toLocaleString(i18n.language);
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="known-bad-add">
      <h2 id="known-bad-add">{t('knownBad.add')}</h2>
      <label className="field">
        <span>{t('knownBad.accounts')}</span>
        <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('knownBad.accountsHint')} data-testid="known-bad-accounts" />
      </label>
      {parsed.invalid.length > 0 && <p className="field-error" role="alert">{t('knownBad.invalid', { accounts: parsed.invalid.join(', ') })}</p>}
      {parsed.tooMany && <p className="field-error" role="alert">{t('knownBad.tooMany', { max: n(parsed.max) })}</p>}
      <div className="filters">
        <label className="field">
          <span>{t('knownBad.source')}</span>
          <select value={source} onChange={(e) => setSource(e.target.value as Source)}>
            {KNOWN_BAD_SOURCES.map((s) => <option key={s} value={s}>{t(`knownBad.sources.${s}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('knownBad.reference')}</span>
          <input value={reference} maxLength={100} onChange={(e) => setReference(e.target.value)} placeholder={t('knownBad.referenceHint')} />
        </label>
        <label className="field">
          <span>{t('knownBad.note')}</span>
          <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={add.isPending || parsed.accounts.length === 0 || parsed.invalid.length > 0 || parsed.tooMany}>
          {t('knownBad.submit', { count: parsed.accounts.length })}
        </button>
        {add.data && <span role="status" data-testid="known-bad-added">{t('knownBad.added', { added: n(add.data.added.length), unchanged: n(add.data.unchanged.length) })}</span>}
      </div>
      {add.isError && <ErrorState error={add.error} />}
    </form>
  );
}

/** Takes one account off the list: asks for the reason (audited) in the row. */
function RemoveButton({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/rings/known-bad/{accountId}', { params: { path: { accountId } }, body: { reason: reason.trim() } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['known-bad'] });
      void qc.invalidateQueries({ queryKey: ['rings', 'account'] });
    },
  });
  if (!open) return <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>{t('knownBad.remove')}</button>;
  return (
    <form className="row" onSubmit={(e) => { e.preventDefault(); if (reason.trim().length >= 2) remove.mutate(); }}>
      <input aria-label={t('knownBad.removeReason', { account: accountId })} placeholder={t('knownBad.reason')} value={reason}
        maxLength={500} onChange={(e) => setReason(e.target.value)} autoFocus />
      <button type="submit" className="btn btn-small btn-danger" disabled={remove.isPending || reason.trim().length < 2}>{t('knownBad.confirmRemove')}</button>
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      {remove.isError && <ErrorState error={remove.error} />}
    </form>
  );
}

/**
 * The institution's known-bad account list (已知涉案账户名单): what ring mining scores against and
 * the scoring engine checks every payment against (RNG-003/004), from the moment an account is added.
 */
export function KnownBadPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { can } = useAuth();
  const [params, set] = useFilterParams();
  const wanted = params.get('source') ?? '';
  const source = (KNOWN_BAD_SOURCES as readonly string[]).includes(wanted) ? (wanted as Source) : undefined;
  const account = params.get('account') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = useQuery({
    queryKey: ['known-bad', source, account, page],
    queryFn: () => unwrap(api.GET('/api/v1/rings/known-bad', { params: { query: { source, account: account || undefined, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const flag = can('rings:flag');
  const columns = useMemo<Column<Row>[]>(() => [
    { id: 'account', header: () => t('txn.account'), accessorFn: (r) => r.accountId,
      cell: (c) => <Link to={`/rings?account=${encodeURIComponent(c.row.original.accountId)}`}>{c.row.original.accountId}</Link> },
    { id: 'source', header: () => t('knownBad.source'), accessorFn: (r) => r.source, cell: (c) => t(`knownBad.sources.${c.row.original.source}`) },
    // Free text (a notice's number, a note) and the time wrap, so the list fits the page whatever was typed.
    { id: 'reference', header: () => t('knownBad.reference'), meta: { className: 'wrap' }, accessorFn: (r) => r.reference ?? '—' },
    { id: 'note', header: () => t('knownBad.note'), meta: { className: 'wrap' }, accessorFn: (r) => r.note ?? '—' },
    { id: 'addedBy', header: () => t('knownBad.addedBy'), accessorFn: (r) => r.addedByName ?? (r.addedBy === 'system' ? t('knownBad.bySystem') : r.addedBy) },
    { id: 'addedAt', header: () => t('knownBad.addedAt'), meta: { className: 'wrap' }, accessorFn: (r) => r.addedAt, cell: (c) => formatTime(Date.parse(c.row.original.addedAt), lang) },
    ...(flag ? [{ id: 'actions', header: () => t('common.actions'), cell: (c) => <RemoveButton accountId={c.row.original.accountId} /> } satisfies Column<Row>] : []),
  ], [t, lang, flag]);
  return (
    <section aria-labelledby="known-bad-title" className="stack">
      <p><Link to="/rings">← {t('rings.back')}</Link></p>
      <h1 id="known-bad-title">{t('knownBad.title')}</h1>
      <p className="muted">{t('knownBad.intro')}</p>
      {flag && <AddForm />}
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('knownBad.filters')}>
        <label className="field">
          <span>{t('knownBad.source')}</span>
          <select value={source ?? ''} onChange={(e) => set('source', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {KNOWN_BAD_SOURCES.map((s) => <option key={s} value={s}>{t(`knownBad.sources.${s}`)}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('txn.account')}</span>
          <input value={account} onChange={(e) => set('account', e.target.value.trim())} placeholder={t('knownBad.prefixHint')} data-testid="known-bad-filter" />
        </label>
      </form>
      {q.isPending ? <Loading /> : q.isError ? <ErrorState error={q.error} onRetry={() => void q.refetch()} /> : q.data.items.length === 0 ? <Empty>{t('knownBad.none')}</Empty> : (
        <>
          <DataTable testId="known-bad-table" caption={t('knownBad.title')} data={q.data.items} columns={columns} rowKey={(r) => r.accountId} />
          <Pager page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPage={(p) => set('page', String(p))} />
        </>
      )}
    </section>
  );
}
