import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { docOf, type ScenarioDoc, type ScenarioVersion } from '../../api/scenarios.ts';
import { useAuth } from '../../auth/auth.tsx';
import { RuleEditor } from '../../components/RuleEditor.tsx';
import { FeatureSuggestions } from '../../components/FeaturePicker.tsx';
import { ErrorState, errorMessage } from '../../components/States.tsx';
import { fromEdit, normalisePath, toEdit, type EditNode, type FieldErrors } from '../../lib/rule.ts';
import { SEVERITIES } from '../../lib/domain.ts';
import { TestPanel } from './TestPanel.tsx';
import { ruleErrorText } from '../../lib/rule-errors.ts';
import type { TFunction } from 'i18next';
import { EngineRebuild } from './EngineRebuild.tsx';

interface FormState {
  nameZh: string; nameEn: string; descZh: string; descEn: string; reasonZh: string; reasonEn: string;
  severity: string; weight: string; side: string; doc: string; when: EditNode;
}

const fromDoc = (d: ScenarioDoc): FormState => ({
  nameZh: d.name['zh-CN'], nameEn: d.name.en, descZh: d.description['zh-CN'], descEn: d.description.en,
  reasonZh: d.reason['zh-CN'], reasonEn: d.reason.en, severity: d.severity, weight: String(d.weight), side: d.side,
  doc: d.doc ?? '', when: toEdit(d.when),
});

function toErrors(err: unknown, t: TFunction): FieldErrors {
  const m: FieldErrors = new Map();
  if (err instanceof ApiError) for (const d of err.details) {
    const p = normalisePath(d.path);
    m.set(p, [...(m.get(p) ?? []), ruleErrorText(d, t)]);
  }
  return m;
}

/** A labelled input with the API's message for its path shown beneath it. */
function Field({ label, path, errors, children }: { label: string; path: string; errors: FieldErrors; children: (p: Record<string, unknown>) => ReactNode }) {
  const id = useId();
  const msgs = errors.get(path) ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'data-path': path, ...(msgs.length ? { 'aria-invalid': true, 'aria-describedby': `${id}-err` } : {}) })}
      {msgs.length > 0 && <p className="field-error" id={`${id}-err`} data-testid="field-error">{msgs.join('; ')}</p>}
    </div>
  );
}

const FORM_PATHS = new Set(['name.zh-CN', 'name.en', 'description.zh-CN', 'description.en', 'reason.zh-CN', 'reason.en', 'severity', 'weight', 'side', 'doc']);

/**
 * The rule owner's editor. It edits the draft, or starts one from the shown version; saving sends
 * the document to the API, which validates it in depth and answers with paths (`when.all[1].op`);
 * each message is shown at the field it names. A saved draft can be tested and activated.
 */
export function DraftEditor({ scenarioId, base, draft }: { scenarioId: string; base: ScenarioVersion; draft: ScenarioVersion | null }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [form, setForm] = useState<FormState>(() => fromDoc(docOf(base)));
  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const document = (): Record<string, unknown> => ({
    ...docOf(base),
    id: scenarioId,
    name: { 'zh-CN': form.nameZh, en: form.nameEn },
    description: { 'zh-CN': form.descZh, en: form.descEn },
    reason: { 'zh-CN': form.reasonZh, en: form.reasonEn },
    severity: form.severity,
    // an empty or non-numeric weight goes as typed, so the API names the problem at this field
    weight: form.weight.trim() !== '' && Number.isFinite(Number(form.weight)) ? Number(form.weight) : form.weight,
    side: form.side,
    doc: form.doc,
    when: fromEdit(form.when),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['scenario', scenarioId] });
    void qc.invalidateQueries({ queryKey: ['scenarios'] });
  };
  const save = useMutation({
    mutationFn: () => draft
      ? unwrap(api.PUT('/api/v1/scenarios/{id}/draft', { params: { path: { id: scenarioId } }, body: document() }))
      : unwrap(api.POST('/api/v1/scenarios', { body: document() })),
    onSuccess: refresh,
  });
  const activate = useMutation({
    mutationFn: (version: number) => unwrap(api.POST('/api/v1/scenarios/{id}/activate', { params: { path: { id: scenarioId } }, body: { version } })),
    onSuccess: refresh,
  });
  const errors = toErrors(save.error, t);
  const elsewhere = [...errors.entries()].filter(([p]) => !FORM_PATHS.has(p) && !p.startsWith('when'));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <form className="panel" onSubmit={submit} aria-labelledby="draft-title" noValidate data-testid="draft-editor">
        <h2 id="draft-title">{draft ? t('scenario.editDraft', { version: draft.version }) : t('scenario.newDraft')}</h2>
        <FeatureSuggestions />
        {save.isError && (
          <div className="state state-error" role="alert">
            {save.error instanceof ApiError && save.error.details.length ? t('scenario.fixErrors', { count: save.error.details.length }) : errorMessage(save.error, t)}
          </div>
        )}
        {elsewhere.map(([p, m]) => <p className="field-error" key={p}>{p || t('scenario.document')}: {m.join('; ')}</p>)}
        {save.isSuccess && <p role="status" className="state">{t('scenario.draftSaved', { version: save.data.version })}</p>}
        <div className="form-grid">
          <Field label={t('scenario.nameZh')} path="name.zh-CN" errors={errors}>{(p) => <input {...p} value={form.nameZh} onChange={set('nameZh')} />}</Field>
          <Field label={t('scenario.nameEn')} path="name.en" errors={errors}>{(p) => <input {...p} value={form.nameEn} onChange={set('nameEn')} />}</Field>
          <Field label={t('scenario.severity')} path="severity" errors={errors}>{(p) => (
            <select {...p} value={form.severity} onChange={set('severity')}>{SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}</select>
          )}</Field>
          <Field label={t('scenario.weight')} path="weight" errors={errors}>{(p) => <input {...p} inputMode="decimal" value={form.weight} onChange={set('weight')} />}</Field>
          <Field label={t('scenario.side')} path="side" errors={errors}>{(p) => (
            <select {...p} value={form.side} onChange={set('side')}>{['debit', 'credit', 'both'].map((s) => <option key={s} value={s}>{t(`scenario.sides.${s}`)}</option>)}</select>
          )}</Field>
        </div>
        <h3>{t('scenario.rule')}</h3>
        {(errors.get('when') ?? []).length > 0 && <p className="field-error">{errors.get('when')!.join('; ')}</p>}
        <RuleEditor node={form.when} path="when" errors={errors} onChange={(n) => setForm((f) => ({ ...f, when: n }))} />
        <div className="form-grid">
          <Field label={t('scenario.reasonZh')} path="reason.zh-CN" errors={errors}>{(p) => <textarea {...p} rows={2} value={form.reasonZh} onChange={set('reasonZh')} />}</Field>
          <Field label={t('scenario.reasonEn')} path="reason.en" errors={errors}>{(p) => <textarea {...p} rows={2} value={form.reasonEn} onChange={set('reasonEn')} />}</Field>
          <Field label={t('scenario.descZh')} path="description.zh-CN" errors={errors}>{(p) => <textarea {...p} rows={2} value={form.descZh} onChange={set('descZh')} />}</Field>
          <Field label={t('scenario.descEn')} path="description.en" errors={errors}>{(p) => <textarea {...p} rows={2} value={form.descEn} onChange={set('descEn')} />}</Field>
        </div>
        <Field label={t('scenario.doc')} path="doc" errors={errors}>{(p) => <textarea {...p} rows={4} value={form.doc} onChange={set('doc')} />}</Field>
        <div className="row" style={{ marginTop: '1rem' }}>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>{draft ? t('scenario.saveDraft') : t('scenario.createDraft')}</button>
          {draft && can('scenarios:activate') && (
            <button type="button" className="btn" disabled={activate.isPending} onClick={() => activate.mutate(draft.version)}>{t('scenario.activate', { version: draft.version })}</button>
          )}
        </div>
        {activate.isPending && <p role="status" className="state">{t('scenario.rebuilding')}</p>}
        {activate.isError && <ErrorState error={activate.error} />}
        {activate.isSuccess && (activate.data.engine === 'rebuilding'
          ? <EngineRebuild done={t('scenario.activated', { version: activate.data.version })} />
          : <p role="status" className="state">{t('scenario.activated', { version: activate.data.version })}</p>)}
      </form>
      <TestPanel id={scenarioId} version={draft?.version ?? base.version} />
    </>
  );
}
