import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { OPS, type EditNode, type FieldErrors } from '../lib/rule.ts';
import { opKey } from './RuleView.tsx';
import { FEATURE_LIST_ID, FeatureHint } from './FeaturePicker.tsx';

/** Error messages for one field path, and those under it when `deep` (a group's own problems). */
function messagesAt(errors: FieldErrors, path: string): string[] {
  return errors.get(path) ?? [];
}

function FieldError({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return <p className="field-error" id={id} data-testid="field-error">{messages.join('; ')}</p>;
}

export function RuleEditor({ node, path, errors, onChange, onRemove }: {
  node: EditNode;
  path: string;
  errors: FieldErrors;
  onChange: (n: EditNode) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const own = messagesAt(errors, path);
  if (node.kind === 'all' || node.kind === 'any') {
    const key = node.kind;
    return (
      <fieldset className="rule-group" data-path={path}>
        <legend className="row">
          <label className="field">
            <span className="sr-only">{t('ruleEditor.groupKind')}</span>
            <select value={key} aria-label={t('ruleEditor.groupKind')} onChange={(e) => onChange({ ...node, kind: e.target.value as 'all' | 'any' })}>
              <option value="all">{t('trace.all')}</option>
              <option value="any">{t('trace.any')}</option>
            </select>
          </label>
          {onRemove && <button type="button" className="btn btn-small" onClick={onRemove}>{t('ruleEditor.remove')}</button>}
        </legend>
        <FieldError id={`${uid}-err`} messages={[...own, ...messagesAt(errors, `${path}.${key}`)]} />
        {node.children.map((c, i) => (
          <RuleEditor key={i} node={c} path={`${path}.${key}.${i}`} errors={errors}
            onChange={(n) => onChange({ ...node, children: node.children.map((x, j) => (j === i ? n : x)) })}
            onRemove={() => onChange({ ...node, children: node.children.filter((_, j) => j !== i) })} />
        ))}
        <div className="row">
          <button type="button" className="btn btn-small" onClick={() => onChange({ ...node, children: [...node.children, { kind: 'leaf', feature: '', op: '>=', value: '' }] })}>{t('ruleEditor.addCondition')}</button>
          <button type="button" className="btn btn-small" onClick={() => onChange({ ...node, children: [...node.children, { kind: 'all', children: [{ kind: 'leaf', feature: '', op: '>=', value: '' }] }] })}>{t('ruleEditor.addGroup')}</button>
          <button type="button" className="btn btn-small" onClick={() => onChange({ ...node, children: [...node.children, { kind: 'not', child: { kind: 'leaf', feature: '', op: '==', value: '' } }] })}>{t('ruleEditor.addNot')}</button>
        </div>
      </fieldset>
    );
  }
  if (node.kind === 'not') {
    return (
      <fieldset className="rule-group" data-path={path}>
        <legend className="row"><strong>{t('trace.not')}</strong>{onRemove && <button type="button" className="btn btn-small" onClick={onRemove}>{t('ruleEditor.remove')}</button>}</legend>
        <FieldError id={`${uid}-err`} messages={own} />
        <RuleEditor node={node.child} path={`${path}.not`} errors={errors} onChange={(n) => onChange({ ...node, child: n })} />
      </fieldset>
    );
  }
  const fErr = messagesAt(errors, `${path}.feature`);
  const oErr = messagesAt(errors, `${path}.op`);
  const vErr = [...messagesAt(errors, `${path}.value`), ...[...errors.entries()].filter(([k]) => k.startsWith(`${path}.value.`)).flatMap(([, v]) => v)];
  const input = (label: string, messages: string[], id: string, control: (p: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode, hint?: React.ReactNode) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({ id, ...(messages.length ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-err` } : {}) })}
      <FieldError id={`${id}-err`} messages={messages} />
      {hint}
    </div>
  );
  return (
    <div className="rule-leaf" data-path={path}>
      {input(t('ruleEditor.feature'), fErr, `${uid}-f`, (p) => (
        <input {...p} value={node.feature} data-path={`${path}.feature`} list={FEATURE_LIST_ID} autoComplete="off"
          onChange={(e) => onChange({ ...node, feature: e.target.value })} />
      ), <FeatureHint name={node.feature} id={`${uid}-fh`} />)}
      {input(t('ruleEditor.op'), oErr, `${uid}-o`, (p) => (
        <select {...p} value={node.op} data-path={`${path}.op`} onChange={(e) => onChange({ ...node, op: e.target.value })}>
          {[...new Set([...OPS, node.op])].map((o) => <option key={o} value={o}>{t(`ops.${opKey(o)}`, { defaultValue: o })}</option>)}
        </select>
      ))}
      {input(t('ruleEditor.value'), vErr, `${uid}-v`, (p) => <input {...p} value={node.value} data-path={`${path}.value`} onChange={(e) => onChange({ ...node, value: e.target.value })} />)}
      <div className="field">
        <span aria-hidden="true">&nbsp;</span>
        {onRemove && <button type="button" className="btn btn-small" onClick={onRemove}>{t('ruleEditor.remove')}</button>}
      </div>
      {own.length > 0 && <FieldError id={`${uid}-own`} messages={own} />}
    </div>
  );
}
