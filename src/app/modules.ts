import type { Module } from './module.ts';
import { platformModule } from '../platform/platform.module.ts';
import { cryptoModule } from '../crypto/crypto.module.ts';
import { referenceModule } from '../reference/reference.module.ts';
import { ingestModule } from '../ingest/ingest.module.ts';
import { transactionModule } from '../transactions/transaction.module.ts';
import { streamModule } from '../stream/stream.module.ts';
import { seedModule } from '../seed/seed.module.ts';
import { authModule } from '../auth/auth.module.ts';
import { auditModule } from '../audit/audit.module.ts';
import { dashboardModule } from '../dashboard/dashboard.module.ts';
import { ringsModule } from '../rings/rings.module.ts';
import { scenariosModule } from '../scenarios/scenarios.module.ts';

/**
 * Every bounded context of the product, in initialisation order (a module may use services that
 * earlier modules published). Add one line per module.
 */
export const MODULES: readonly Module[] = [
  platformModule,
  cryptoModule,
  referenceModule,
  authModule,
  auditModule,
  ingestModule,
  scenariosModule,
  transactionModule,
  seedModule,
  streamModule,
  dashboardModule,
  ringsModule,
];
