import type { Module } from '../app/module.ts';
import { getService } from '../app/container.ts';
import { AuditQueryRepository } from './audit.query.repository.ts';
import { AuditService } from './audit.service.ts';
import { auditRoutes } from './audit.routes.ts';

/**
 * Search, export and verification of the audit chain (writing is `c.audit.append`). The chain
 * grows by an event per ingest request: its reads run off the request thread (Database.reader).
 */
export const auditModule: Module = {
  name: 'audit',
  init(c) {
    c.services.set('auditLog', new AuditService(c.database.reader, new AuditQueryRepository(), c.config.auditHash));
  },
  routes(app, c) {
    auditRoutes(app, c, getService<AuditService>(c, 'auditLog'));
  },
};
