import { z } from 'zod';
import type { KnownBadEntry } from './known-bad.repository.ts';
import { KNOWN_BAD_SOURCES } from './rings.tables.ts';

/** An account id as transactions carry it: no spaces or control characters (a notice's account pasted with a trailing space would never match). */
const AccountId = z.string().min(1).max(64).regex(/^[^\s\p{Cc}]+$/u, 'an account id has no spaces or control characters');

export const KnownBadInputBody = z.object({
  accountId: AccountId,
  source: z.enum(KNOWN_BAD_SOURCES).describe('police_notice 公安涉案通报, str 已报送可疑交易报告, case 已确认案件, shared 同业共享, manual 人工认定'),
  reference: z.string().trim().min(1).max(100).nullable().optional().describe('The notice\'s, report\'s or case\'s number'),
  note: z.string().trim().max(500).nullable().optional(),
});

export const KnownBadAddBody = z.object({ entries: z.array(KnownBadInputBody).min(1).max(1_000) });

export const KnownBadRemoveBody = z.object({ reason: z.string().trim().min(2).max(500).describe('Why the account leaves the list (audited)') });

export const KnownBadListQuery = z.object({
  source: z.enum(KNOWN_BAD_SOURCES).optional(),
  account: z.string().optional().describe('Accounts whose id starts with this'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const KnownBadView = z.object({
  accountId: z.string(), source: z.enum(KNOWN_BAD_SOURCES), reference: z.string().nullable(), note: z.string().nullable(),
  addedBy: z.string(), addedByName: z.string().nullable().optional().describe('Who added it: the user\'s display name or the service key\'s name (in lists; null for the system)'), addedAt: z.string(),
});

export const knownBadView = (e: KnownBadEntry): z.infer<typeof KnownBadView> => ({ ...e, addedAt: new Date(e.addedAt).toISOString() });
