import type { FastifyInstance } from 'fastify';
import type { Container } from './container.ts';

/**
 * A bounded context plugs into the process through one Module: `init` builds its services (and
 * may publish some in `container.services` for other modules), `routes` registers its HTTP routes,
 * `start` runs background work once the server listens (scheduled jobs), only in `outpost serve`.
 */
export interface Module {
  name: string;
  init?(c: Container): Promise<void> | void;
  routes?(app: FastifyInstance, c: Container): Promise<void> | void;
  start?(c: Container): Promise<void> | void;
}
