import { z } from 'zod';
import type { ScenarioVersion } from './scenarios.repository.ts';

/** A scenario document in the rule language; validated in depth by the engine (path + reason). */
export const ScenarioDocument = z.record(z.string(), z.unknown()).describe('Scenario document (rule language, see docs/scenarios.md)');

const I18n = z.object({ 'zh-CN': z.string(), en: z.string() });

export const ScenarioSummaryView = z.object({
  scenarioId: z.string(), name: I18n, typology: z.string(), severity: z.string(), builtIn: z.boolean(),
  activeVersion: z.number().int().nullable(), draftVersion: z.number().int().nullable(), latestVersion: z.number().int(),
});

export const ScenarioVersionView = z.object({
  scenarioId: z.string(), version: z.number().int(), status: z.enum(['draft', 'active', 'inactive', 'superseded']),
  builtIn: z.boolean(), createdBy: z.string(),
  createdByName: z.string().nullable().optional().describe('The creator\'s display name, or the service key\'s name (in version lists; null for the built-in library)'),
  createdAt: z.string(), updatedAt: z.string(), document: ScenarioDocument,
});

export function versionView(v: ScenarioVersion): z.infer<typeof ScenarioVersionView> {
  return {
    scenarioId: v.scenarioId, version: v.version, status: v.status, builtIn: v.builtIn, createdBy: v.createdBy,
    ...(v.createdByName !== undefined ? { createdByName: v.createdByName } : {}),
    createdAt: new Date(v.createdAt).toISOString(), updatedAt: new Date(v.updatedAt).toISOString(), document: v.body,
  };
}

const Label = I18n;
const Feature = z.object({ name: z.string(), unit: z.string(), label: Label });
/** Names a rule may use (engine/features/catalogue-view.ts). */
export const FeatureCatalogueView = z.object({
  entities: z.array(z.object({ prefix: z.string(), entity: z.string(), label: Label })).describe('name prefixes: "" is the subject account, cust_, cp_, dev_, ip_, branch_'),
  windows: z.array(z.object({ id: z.string(), label: Label })),
  units: z.array(z.object({ id: z.string(), label: Label })),
  families: z.array(Feature.extend({ windows: z.array(z.string()) })).describe('windowed features: [prefix]<family>_<window>'),
  scalars: z.array(Feature.extend({ entity: z.string(), categories: z.array(z.string()).optional() })).describe('features without a window'),
});

export const ValidationView = z.object({
  valid: z.boolean(),
  errors: z.array(z.object({
    path: z.string().optional(), message: z.string(),
    code: z.string().optional().describe('the rule checker\'s problem key or zod\'s issue code'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('values the message names'),
  })),
  features: z.array(z.string()),
});

export const BacktestBody = z.object({
  version: z.number().int().positive().optional().describe('candidate version; default the draft, else the active version'),
  from: z.string().datetime({ offset: true }).or(z.string().date()),
  to: z.string().datetime({ offset: true }).or(z.string().date()),
  warmupDays: z.number().int().min(0).max(365).default(90),
});

export const TestBody = z.object({
  version: z.number().int().positive().optional(),
  days: z.number().int().min(1).max(90).default(7).describe('the most recent days of stored history to test on'),
});

const Side = z.object({
  version: z.number().int().nullable(), alerts: z.number().int(), accounts: z.number().int(), truePositives: z.number().int(),
  precision: z.number().nullable(), recall: z.number().nullable(),
});

export const BacktestView = z.object({
  scenarioId: z.string(), from: z.number(), to: z.number(), warmupFrom: z.number(), transactions: z.number().int(), labelled: z.number().int(),
  candidate: Side, active: Side.nullable(), both: z.number().int(), onlyCandidate: z.number().int(), onlyActive: z.number().int(),
  examples: z.array(z.object({ txnId: z.string(), occurredAt: z.number(), accountId: z.string(), side: z.string(), reason: I18n })),
});
