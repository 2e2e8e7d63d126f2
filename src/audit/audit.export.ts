import type { AuditEventView } from './audit.service.ts';

export const CSV_COLUMNS = ['seq', 'id', 'at', 'time_utc', 'institution_id', 'actor', 'actor_kind', 'action', 'target_type', 'target_id', 'ip', 'before', 'after', 'hash'] as const;

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells starting with = + - @ (or tab/CR) so a
 * spreadsheet opening the export does not evaluate attacker-supplied text as a formula.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(e: AuditEventView): string {
  const cells = [e.seq, e.id, e.at, new Date(e.at).toISOString(), e.institutionId, e.actor, e.actorKind, e.action, e.targetType, e.targetId, e.ip, e.before, e.after, e.hash];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function jsonlRow(e: AuditEventView): string {
  return `${JSON.stringify(e)}\n`;
}

export async function* exportLines(events: AsyncIterable<AuditEventView>, format: 'csv' | 'jsonl'): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  for await (const e of events) yield format === 'csv' ? csvRow(e) : jsonlRow(e);
}
