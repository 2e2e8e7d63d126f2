import { z } from 'zod';
import { ACCOUNT_STATUSES, ACCOUNT_TYPES } from '../domain/reference.ts';

const isCalendarDate = (s: string) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s; };
const Date_ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD').refine(isCalendarDate, 'not a date of the calendar');

/** One record of each kind of reference data, as the API and reference files give it. */
export const BranchRecord = z.object({
  id: z.string().min(1), parentId: z.string().nullable(), code: z.string().min(1), name: z.string().min(1), level: z.number().int().min(0).max(5),
});
export const CustomerRecord = z.object({
  id: z.string().min(1), branchId: z.string().min(1), kind: z.enum(['person', 'organisation']), name: z.string().min(1),
  idNumber: z.string().nullable().default(null), phone: z.string().nullable().default(null), address: z.string().nullable().default(null),
  birthDate: Date_.nullable().default(null), occupation: z.string().nullable().default(null), riskLevel: z.enum(['low', 'medium', 'high']).default('low'),
  kycDate: Date_.nullable().default(null), kycReviewDate: Date_.nullable().default(null),
});
export const AccountRecord = z.object({
  id: z.string().min(1), branchId: z.string().min(1), customerId: z.string().min(1), type: z.enum(ACCOUNT_TYPES),
  status: z.enum(ACCOUNT_STATUSES).default('active'), currency: z.string().regex(/^[A-Z]{3}$/).default('CNY'), openedAt: Date_,
});
export const IdentifierRecord = z.object({ accountId: z.string(), kind: z.enum(['device', 'phone', 'ip', 'address']), value: z.string().min(1) });

export const LoadBody = z.object({
  branches: z.array(BranchRecord).max(10_000).default([]),
  customers: z.array(CustomerRecord).max(100_000).default([]),
  accounts: z.array(AccountRecord).max(100_000).default([]),
  identifiers: z.array(IdentifierRecord).max(200_000).default([]),
});

export type ReferenceKind = 'branches' | 'customers' | 'accounts' | 'identifiers';
export const RECORD_SCHEMAS = { branches: BranchRecord, customers: CustomerRecord, accounts: AccountRecord, identifiers: IdentifierRecord } as const;
export type ReferenceRecord<K extends ReferenceKind> = z.output<(typeof RECORD_SCHEMAS)[K]>;
