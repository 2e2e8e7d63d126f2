import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

const MARK = '\u0000outpost-param:';

/** A named placeholder for a value given at execution (typed as whatever the builder expects there). */
export function param<T = never>(name: string): T {
  return `${MARK}${name}` as unknown as T;
}

type Slot = { name: string } | { value: unknown };

/**
 * A hot query built and compiled by Kysely once per dialect, then executed with new parameter
 * values. Kysely builds and compiles a query tree on every execution (about 20 µs each); the few
 * statements every write runs (sequence reservation, audit chain, data-quality counters) pay
 * that on every request. The SQL still comes from the query builder, so it is written once for
 * both dialects. Placeholders are `param('name')` values in the builder.
 */
export class Precompiled<P extends object, R> {
  private readonly byDialect = new Map<string, { sql: string; slots: Slot[] }>();

  constructor(private readonly build: (db: Kysely<DB>) => Compilable<R>) {}

  async execute(db: Kysely<DB>, params: P): Promise<R[]> {
    const key = db.getExecutor().adapter.constructor.name;
    let c = this.byDialect.get(key);
    if (!c) {
      const compiled = this.build(db).compile();
      c = {
        sql: compiled.sql,
        slots: compiled.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? { name: v.slice(MARK.length) } : { value: v })),
      };
      this.byDialect.set(key, c);
    }
    const values = c.slots.map((s) => {
      if (!('name' in s)) return s.value;
      if (!(s.name in params)) throw new Error(`missing query parameter ${s.name}`);
      return (params as Record<string, unknown>)[s.name];
    });
    const result = await db.executeQuery<R>(CompiledQuery.raw(c.sql, values));
    return result.rows;
  }
}
