import type { Module } from '../app/module.ts';
import { getService, type Container } from '../app/container.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { ReferenceRepository } from './reference.repository.ts';
import { ChangeCounterRepository } from '../platform/change-counters.repository.ts';
import { ReferenceService } from './reference.service.ts';
import { referenceRoutes } from './reference.routes.ts';

export function referenceServiceOf(c: Container): ReferenceService {
  return getService<ReferenceService>(c, 'reference');
}

/** Reference data. Runs first so the default institution exists before accounts are bootstrapped. */
export const referenceModule: Module = {
  name: 'reference',
  async init(c) {
    // The cipher is published by the security module, initialised after this one; it is needed only
    // when personal data is written or read, so it is resolved on use.
    const repo = new ReferenceRepository(() => getService<FieldCipher>(c, 'cipher'));
    const counters = new ChangeCounterRepository();
    const service = new ReferenceService({
      db: c.database.db, clock: c.clock, audit: c.audit, repo, changes: c.changes,
      changeCounter: (institutionId) => counters.current(c.database.db, institutionId, 'reference'),
    });
    c.changes.on('reference', (institutionId) => service.reloadDirectory(institutionId));
    c.services.set('reference', service);
    await service.ensureDefaultInstitution();
  },
  routes: referenceRoutes,
};
