import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Ok } from '../api/client.ts';
import { ErrorState, QueryView } from '../components/States.tsx';
import { useAuth } from '../auth/auth.tsx';
import { formatTime } from '../lib/format.ts';
import { changedParams, PARAM_SECTIONS, toForm, valueAt, type ParamField } from '../lib/ring-params.ts';

type Current = Ok<'/api/v1/rings/params', 'get'>;
type Form = Record<string, string | boolean>;

const formOf = (params: Record<string, unknown>): Form =>
  Object.fromEntries(PARAM_SECTIONS.flatMap((s) => s.fields.map((f) => [f.path, toForm(valueAt(params, f.path), f.kind)])));

function Field({ field, value, onChange, error, readOnly }: {
  field: ParamField; value: string | boolean; onChange: (v: string | boolean) => void; error?: string; readOnly: boolean;
}) {
  const { t } = useTranslation();
  const label = t(`ringParams.fields.${field.path}`);
  const unit = field.kind === 'days' ? t('ringParams.units.days') : field.kind === 'percent' ? '%' : field.kind === 'yuan' ? t('ringParams.units.yuan') : '';
  if (field.kind === 'bool') {
    return (
      <label className="field check">
        <input type="checkbox" checked={value === true} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} data-path={field.path} />
        <span>{label}</span>
        {error && <span className="field-error" role="alert">{error}</span>}
      </label>
    );
  }
  return (
    <label className="field">
      <span>{label}{unit && ` (${unit})`}</span>
      <input inputMode="decimal" value={String(value)} readOnly={readOnly} onChange={(e) => onChange(e.target.value)} data-path={field.path}
        aria-invalid={error ? true : undefined} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}

function ParamsForm({ current }: { current: Current }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const editable = can('rings:configure');
  const params = current.params as Record<string, unknown>;
  const [form, setForm] = useState<Form>(() => formOf(params));
  const [comment, setComment] = useState('');
  const changes = useMemo(() => changedParams(params, form), [params, form]);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/rings/params', { body: { params: changes, comment: comment.trim() || undefined } })),
    onSuccess: (saved) => {
      setComment('');
      setForm(formOf(saved.params as Record<string, unknown>));
      void qc.invalidateQueries({ queryKey: ['ring-params'] });
    },
  });
  // The API's problems by field, in the reader's language where it gives a code.
  const errors = new Map<string, string>();
  if (save.error instanceof ApiError) {
    for (const d of save.error.details) {
      if (!d.path) continue;
      const p = { ...(d.params ?? {}) } as Record<string, unknown>;
      if (typeof p.other === 'string') p.other = t(`ringParams.fields.${p.other}`);
      errors.set(d.path, d.code ? t(`ringParams.errors.${d.code}`, { ...p, defaultValue: d.message }) : d.message);
    }
  }
  const unplaced = save.error instanceof ApiError ? save.error.details.filter((d) => !d.path || !PARAM_SECTIONS.some((s) => s.fields.some((f) => f.path === d.path))) : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(changes).length > 0) save.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} data-testid="ring-params-form" aria-labelledby="ring-params-title">
      <div className="grid-2">
        {PARAM_SECTIONS.map((s) => (
          <fieldset key={s.id} className="panel param-section" data-section={s.id}>
            <legend>{t(`ringParams.sections.${s.id}`)}</legend>
            <div className="param-fields">
              {s.fields.map((f) => (
                <Field key={f.path} field={f} value={form[f.path]} readOnly={!editable} error={errors.get(f.path)}
                  onChange={(v) => setForm((x) => ({ ...x, [f.path]: v }))} />
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      {editable && (
        <div className="panel stack">
          <label className="field">
            <span>{t('ringParams.comment')}</span>
            <input value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} placeholder={t('ringParams.commentHint')} />
          </label>
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={save.isPending || Object.keys(changes).length === 0}>{t('ringParams.save')}</button>
          </div>
          {save.isError && (errors.size === 0 || unplaced.length > 0) && <ErrorState error={save.error} />}
        </div>
      )}
      <div className="panel">
        <h2>{t('ringParams.history')}</h2>
        {current.versions.length === 0 ? <p className="muted">{t('ringParams.noHistory')}</p> : (
          <table className="table compact" data-testid="ring-params-versions">
            <thead><tr><th scope="col">{t('ringParams.version')}</th><th scope="col">{t('ringParams.createdBy')}</th><th scope="col">{t('ringParams.createdAt')}</th><th scope="col">{t('ringParams.comment')}</th></tr></thead>
            <tbody>
              {current.versions.map((v) => (
                <tr key={v.version}><td>v{v.version}</td><td>{v.createdByName ?? (v.createdBy === 'system' ? t('knownBad.bySystem') : v.createdBy)}</td><td>{formatTime(Date.parse(v.createdAt), i18n.language)}</td><td>{v.comment ?? '—'}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </form>
  );
}

/**
 * The ring detectors' parameters of the institution (versioned; every change audited): the common
 * ones as a form, each in its unit, with the API's problems at the field, and the version history.
 */
export function RingParamsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['ring-params'], queryFn: () => unwrap(api.GET('/api/v1/rings/params')) });
  return (
    <section aria-labelledby="ring-params-title" className="stack">
      <p><Link to="/rings">← {t('rings.back')}</Link></p>
      <h1 id="ring-params-title">{t('ringParams.title')}</h1>
      <p className="muted">{t('ringParams.intro')}</p>
      <QueryView query={q}>{(current) => (
        <>
          <p data-testid="ring-params-version">{current.version === 0 ? t('ringParams.defaults') : t('ringParams.current', { version: current.version })}</p>
          <ParamsForm key={current.version} current={current} />
        </>
      )}</QueryView>
    </section>
  );
}
