import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap, type Ok } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorState, QueryView } from '../../components/States.tsx';
import { CHANNELS, INPUT_FIELDS, TXN_TYPES } from '../../lib/domain.ts';
import { fieldLabel } from '../../lib/record-errors.ts';

type Rules = Ok<'/api/v1/data-quality/rules', 'get'>['rules'];

/** The form's text of a rule set (numbers and lists as typed) and back. */
interface Form {
  required: string[]; completenessFields: string[]; channels: string[]; types: string[];
  maxFutureSkewSeconds: string; maxAgeDays: string; minAmountMinor: string; maxAmountMinor: string; maxTextLength: string;
  currencies: string; unknownOwnAccount: Rules['unknownOwnAccount']; retryOnReferenceLoad: boolean; requireTimezone: boolean; assumeOffset: string;
}
const toForm = (r: Rules): Form => ({
  required: [...r.required], completenessFields: [...r.completenessFields], channels: [...r.channels], types: [...r.types],
  maxFutureSkewSeconds: String(r.maxFutureSkewSeconds), maxAgeDays: String(r.maxAgeDays), minAmountMinor: String(r.minAmountMinor),
  maxAmountMinor: r.maxAmountMinor === null ? '' : String(r.maxAmountMinor), maxTextLength: String(r.maxTextLength),
  currencies: (r.currencies ?? []).join(', '), unknownOwnAccount: r.unknownOwnAccount, retryOnReferenceLoad: r.retryOnReferenceLoad,
  requireTimezone: r.requireTimezone, assumeOffset: r.assumeOffset,
});
/** Numbers go as numbers when they read as one (else as typed, for the server to name the field). */
const num = (s: string): number | string => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);
const fromForm = (f: Form) => ({
  required: f.required, completenessFields: f.completenessFields, channels: f.channels, types: f.types,
  maxFutureSkewSeconds: num(f.maxFutureSkewSeconds), maxAgeDays: num(f.maxAgeDays), minAmountMinor: num(f.minAmountMinor),
  maxAmountMinor: f.maxAmountMinor.trim() === '' ? null : num(f.maxAmountMinor), maxTextLength: num(f.maxTextLength),
  currencies: f.currencies.trim() === '' ? null : f.currencies.split(/[\s,，]+/).filter(Boolean).map((c) => c.toUpperCase()),
  unknownOwnAccount: f.unknownOwnAccount, retryOnReferenceLoad: f.retryOnReferenceLoad, requireTimezone: f.requireTimezone, assumeOffset: f.assumeOffset,
});

/**
 * The institution's data-quality rules (versioned; every save is a new version and an audit event):
 * shown to whoever reads data quality, edited by who may configure it (the system administrator).
 * The server validates; its errors are shown at the field they name.
 */
export function RulesPanel() {
  const q = useQuery({ queryKey: ['dq-rules'], queryFn: () => unwrap(api.GET('/api/v1/data-quality/rules')) });
  return <QueryView query={q}>{(d) => <RulesForm version={d.version} rules={d.rules} />}</QueryView>;
}

function RulesForm({ version, rules }: { version: number; rules: Rules }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const editable = can('dq:configure');
  const [f, setF] = useState<Form>(() => toForm(rules));
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/data-quality/rules', { body: fromForm(f) })),
    // The form stays (its success message with it) and shows the rules as the server stored them.
    onSuccess: (r) => { qc.setQueryData(['dq-rules'], r); setF(toForm(r.rules)); },
  });
  const errors = new Map<string, string[]>();
  if (save.error instanceof ApiError) {
    for (const d of save.error.details) {
      const k = (d.path ?? '').replace(/^(body|rules)\./, '').split(/[.[]/)[0];
      errors.set(k, [...(errors.get(k) ?? []), d.message]);
    }
  }
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const field = (k: keyof Form, label: string, control: (p: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; disabled: boolean }) => ReactNode) => {
    const errs = errors.get(k);
    return (
      <div className="field" key={k}>
        <label htmlFor={`dq-${k}`}>{label}</label>
        {control({ id: `dq-${k}`, ...(errs ? { 'aria-invalid': true as const, 'aria-describedby': `dq-err-${k}` } : {}), disabled: !editable })}
        {errs && <p className="field-error" id={`dq-err-${k}`}>{errs.join('; ')}</p>}
      </div>
    );
  };
  const text = (k: keyof Form, label: string, mode: 'numeric' | 'text' = 'numeric') => field(k, label, (p) => (
    <input {...p} inputMode={mode} value={f[k] as string} onChange={(e) => set(k, e.target.value as never)} />
  ));
  const checks = (k: 'required' | 'completenessFields' | 'channels' | 'types', label: string, options: readonly string[], labelOf: (o: string) => string) => {
    const errs = errors.get(k);
    return (
      <fieldset className="field" key={k} aria-invalid={errs ? true : undefined}>
        <legend>{label}</legend>
        <div className="row">
          {options.map((o) => (
            <label key={o} className="check">
              <input type="checkbox" disabled={!editable} checked={f[k].includes(o)}
                onChange={(e) => set(k, e.target.checked ? [...f[k], o] : f[k].filter((x) => x !== o))} /> {labelOf(o)}
            </label>
          ))}
        </div>
        {errs && <p className="field-error">{errs.join('; ')}</p>}
      </fieldset>
    );
  };
  const submit = (e: FormEvent) => { e.preventDefault(); save.mutate(); };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="dq-rules-title" noValidate data-testid="dq-rules">
      <h2 id="dq-rules-title">{t('dqRules.title', { version })}</h2>
      <p className="hint">{editable ? t('dqRules.hint') : t('dqRules.readOnly')}</p>
      {save.isError && !(save.error instanceof ApiError && save.error.details.length > 0) && <ErrorState error={save.error} />}
      {save.isError && save.error instanceof ApiError && save.error.details.length > 0 && (
        <p className="state state-error" role="alert">{t('dqRules.fix', { count: save.error.details.length })}</p>
      )}
      {save.isSuccess && <p role="status" className="state">{t('dqRules.saved', { version: save.data.version })}</p>}
      {checks('required', t('dqRules.required'), INPUT_FIELDS, (o) => fieldLabel(o, t))}
      <div className="form-grid">
        {text('maxFutureSkewSeconds', t('dqRules.maxFutureSkewSeconds'))}
        {text('maxAgeDays', t('dqRules.maxAgeDays'))}
        {text('minAmountMinor', t('dqRules.minAmountMinor'))}
        {text('maxAmountMinor', t('dqRules.maxAmountMinor'))}
        {text('maxTextLength', t('dqRules.maxTextLength'))}
        {text('currencies', t('dqRules.currencies'), 'text')}
        {field('unknownOwnAccount', t('dqRules.unknownOwnAccount'), (p) => (
          <select {...p} value={f.unknownOwnAccount} onChange={(e) => set('unknownOwnAccount', e.target.value as Form['unknownOwnAccount'])}>
            <option value="quarantine">{t('dqRules.unknownOwnAccountQuarantine')}</option>
            <option value="accept">{t('dqRules.unknownOwnAccountAccept')}</option>
          </select>
        ))}
        {text('assumeOffset', t('dqRules.assumeOffset'), 'text')}
      </div>
      <label className="check"><input type="checkbox" disabled={!editable} checked={f.retryOnReferenceLoad} onChange={(e) => set('retryOnReferenceLoad', e.target.checked)} /> {t('dqRules.retryOnReferenceLoad')}</label>
      <label className="check"><input type="checkbox" disabled={!editable} checked={f.requireTimezone} onChange={(e) => set('requireTimezone', e.target.checked)} /> {t('dqRules.requireTimezone')}</label>
      {checks('channels', t('dqRules.channels'), CHANNELS, (o) => t(`channel.${o}`))}
      {checks('types', t('dqRules.types'), TXN_TYPES, (o) => t(`txnType.${o}`))}
      {checks('completenessFields', t('dqRules.completenessFields'), INPUT_FIELDS, (o) => fieldLabel(o, t))}
      {editable && (
        <div className="row" style={{ marginTop: '1rem' }}>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>{t('dqRules.save')}</button>
          <button type="button" className="btn" onClick={() => { save.reset(); setF(toForm(rules)); }}>{t('common.reset')}</button>
        </div>
      )}
    </form>
  );
}
