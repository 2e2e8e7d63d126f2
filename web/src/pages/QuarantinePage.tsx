import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap, type Ok } from '../api/client.ts';
import { useAuth } from '../auth/auth.tsx';
import { ErrorState, QueryView, errorMessage } from '../components/States.tsx';
import { DecisionBadge } from '../components/Badges.tsx';
import { formatTime } from '../lib/format.ts';
import { fieldLabel, reasonText, recordErrorText } from '../lib/record-errors.ts';
import type { TFunction } from 'i18next';

type Item = Ok<'/api/v1/quarantine/{id}', 'get'>;
type FieldErrors = Record<string, string[]>;

/** Errors of the record or of the API's answer, keyed by field name (`record.amount` → `amount`). */
function errorsByField(item: Item, apiError: unknown, t: TFunction): FieldErrors {
  const out: FieldErrors = {};
  const add = (field: string, message: string) => (out[field] ??= []).push(message);
  if (apiError instanceof ApiError) for (const d of apiError.details) if (d.path) add(d.path.replace(/^(body\.)?record\./, ''), d.message);
  if (!apiError) for (const e of item.errors) add(e.field, recordErrorText(e, t));
  return out;
}

function Editor({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [record, setRecord] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(item.record).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])));
  const [discardReason, setDiscardReason] = useState('');
  const resubmit = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/quarantine/{id}/resubmit', {
      params: { path: { id: item.id } },
      body: { record: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')) },
    })),
    onSuccess: (r) => {
      qc.setQueryData(['quarantine-item', item.id], r.quarantine);
      void qc.invalidateQueries({ queryKey: ['quarantine'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  const discard = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/quarantine/{id}/discard', { params: { path: { id: item.id } }, body: { reason: discardReason } })),
    onSuccess: (r) => {
      qc.setQueryData(['quarantine-item', item.id], r);
      void qc.invalidateQueries({ queryKey: ['quarantine'] });
    },
  });
  const errors = errorsByField(item, resubmit.error ?? null, t);
  const editable = item.status === 'open' && can('quarantine:resolve');
  const result = resubmit.data?.result;
  const fields = Object.keys(record);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resubmit.mutate();
  };
  return (
    <>
      <div className="panel">
        <dl className="kv">
          <dt>{t('dq.source')}</dt><dd>{item.source}</dd>
          <dt>{t('quarantine.position')}</dt><dd>{item.position}</dd>
          <dt>{t('quarantine.createdAt')}</dt><dd>{formatTime(Date.parse(item.createdAt), i18n.language)}</dd>
          <dt>{t('quarantine.status')}</dt><dd>{t(`quarantine.statuses.${item.status}`)}</dd>
          <dt>{t('quarantine.reason')}</dt><dd data-testid="quarantine-detail-reason">{reasonText(item.errors, item.reason, t)}</dd>
          {item.status === 'open' && (
            <><dt>{t('quarantine.sameCause')}</dt><dd>
              <Link to={`/data-quality?tab=quarantine&source=${encodeURIComponent(item.source)}&code=${encodeURIComponent(item.code)}`}>{t('quarantine.sameCauseLink')}</Link>
            </dd></>
          )}
          {item.txnId && <><dt>{t('txn.id')}</dt><dd><Link to={`/transactions/${encodeURIComponent(item.txnId)}`}>{item.txnId}</Link></dd></>}
        </dl>
      </div>
      <form className="panel" onSubmit={submit} aria-labelledby="record-title">
        <h2 id="record-title">{editable ? t('quarantine.correct') : t('quarantine.record')}</h2>
        {resubmit.error && <ErrorState error={resubmit.error} />}
        <div className="form-grid">
          {fields.map((f) => {
            const errs = errors[f];
            const id = `field-${f}`;
            return (
              <div className="field" key={f}>
                <label htmlFor={id}>{fieldLabel(f, t)}</label>
                <input id={id} name={f} value={record[f]} readOnly={!editable} aria-invalid={errs ? true : undefined}
                  aria-describedby={errs ? `err-${f}` : undefined}
                  onChange={(e) => setRecord((r) => ({ ...r, [f]: e.target.value }))} />
                {errs && <p className="field-error" id={`err-${f}`}>{errs.join('; ')}</p>}
              </div>
            );
          })}
        </div>
        {Object.keys(errors).filter((f) => !fields.includes(f)).map((f) => (
          <p key={f} className="field-error" role="alert">{fieldLabel(f, t)}: {errors[f].join('; ')}</p>
        ))}
        {editable && (
          <div className="row" style={{ marginTop: '1rem' }}>
            <button type="submit" className="btn btn-primary" disabled={resubmit.isPending}>{t('quarantine.resubmit')}</button>
          </div>
        )}
        {result && (
          <p role="status" className="state">
            {t(`quarantine.result.${result.status}`)}
            {result.decision && <DecisionBadge decision={result.decision} />}
            {result.id && result.status !== 'quarantined' && <Link to={`/transactions/${encodeURIComponent(result.id)}`}>{result.id}</Link>}
          </p>
        )}
      </form>
      {editable && (
        <form className="panel" onSubmit={(e) => { e.preventDefault(); discard.mutate(); }}>
          <h2>{t('quarantine.discard')}</h2>
          <label className="field">
            <span>{t('quarantine.discardReason')}</span>
            <input required maxLength={500} value={discardReason} onChange={(e) => setDiscardReason(e.target.value)} />
          </label>
          {discard.error && <p className="form-error" role="alert">{errorMessage(discard.error, t)}</p>}
          <button type="submit" className="btn btn-danger" disabled={discard.isPending} style={{ marginTop: '.5rem' }}>{t('quarantine.discard')}</button>
        </form>
      )}
    </>
  );
}

export function QuarantinePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['quarantine-item', id], queryFn: () => unwrap(api.GET('/api/v1/quarantine/{id}', { params: { path: { id } } })) });
  return (
    <section aria-labelledby="q-title">
      <p><Link to="/data-quality?tab=quarantine">← {t('quarantine.back')}</Link></p>
      <h1 id="q-title">{t('quarantine.title')}</h1>
      <QueryView query={q}>{(item) => <Editor key={item.id} item={item} />}</QueryView>
    </section>
  );
}
