import type { TFunction } from 'i18next';
import { apiText } from './api-text.ts';

/** A validation error of an ingested record as the API gives it (src/ingest/validator.ts RecordError). */
export interface RecordErrorView {
  field: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** The record field's name in the reader's language (the API's name when there is no label). */
export function fieldLabel(field: string, t: TFunction): string {
  return t(`fields.${field}`, { defaultValue: field });
}

/**
 * The error in the reader's language: `recordErrors.<field>.<code>[_<rule>]`, else
 * `recordErrors.<code>[_<rule>]`, with the field's label and the error's params; the API's English
 * text when neither exists (an error code added on the server before its translation) or the error
 * lacks a value the text names (quarantined before errors carried params).
 */
export function recordErrorText(e: RecordErrorView, t: TFunction): string {
  const rule = e.params?.rule;
  const key = rule === undefined ? e.code : `${e.code}_${rule}`;
  const txnType = rule === 'both_sides' ? t(`txnType.${String(e.params?.value)}`, { defaultValue: String(e.params?.value) }) : undefined;
  return apiText(t, [`recordErrors.${e.field}.${key}`, `recordErrors.${key}`], { ...e.params, field: fieldLabel(e.field, t), txnType }, e.message);
}

/** Every error of a record in the reader's language, or the stored reason when the record has none listed. */
export function reasonText(errors: readonly RecordErrorView[], reason: string, t: TFunction): string {
  return errors.length === 0 ? reason : errors.map((e) => recordErrorText(e, t)).join(t('recordErrors.separator'));
}
