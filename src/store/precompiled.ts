import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { sqliteStatementsOf } from './database.ts';

const MARK = '\u0000outpost-param:';

/** A named placeholder for a value given at execution (typed as whatever the builder expects there). */
export function param<T = never>(name: string): T {
  return `${MARK}${name}` as unknown as T;
}

/** A named placeholder, with its position in an argument array when the name is an index ('0', '1', ...). */
type Slot = { name: string; index: number } | { value: unknown };

/**
 * A hot query built and compiled by Kysely once per dialect, then executed with new parameter
 * values. Kysely builds and compiles a query tree on every execution (about 20 µs each); the few
 * statements every write runs (sequence reservation, audit chain, data-quality counters) pay
 * that on every request. The SQL still comes from the query builder, so it is written once for
 * both dialects. Placeholders are `param('name')` values in the builder. Inside a SQLite
 * transaction the statement runs on the connection's prepared statement directly (as the log's
 * bulk insert does), without Kysely's executor.
 */
export class Precompiled<P extends object, R> {
  private readonly byDialect = new Map<string, { sql: string; slots: Slot[] }>();

  constructor(private readonly build: (db: Kysely<DB>) => Compilable<R>) {}

  /**
   * `params`: an object keyed by the placeholders' names, or (placeholders named '0', '1', ...) an
   * array in that order, which spares hot multi-row statements building an object of many keys.
   */
  async execute(db: Kysely<DB>, params: P | readonly unknown[]): Promise<R[]> {
    const key = db.getExecutor().adapter.constructor.name;
    let c = this.byDialect.get(key);
    if (!c) {
      const compiled = this.build(db).compile();
      c = {
        sql: compiled.sql,
        slots: compiled.parameters.map((v) => {
          if (!(typeof v === 'string' && v.startsWith(MARK))) return { value: v };
          const name = v.slice(MARK.length);
          return { name, index: /^\d+$/.test(name) ? Number(name) : -1 };
        }),
      };
      this.byDialect.set(key, c);
    }
    const values = Array.isArray(params)
      ? c.slots.map((s) => {
        if (!('name' in s)) return s.value;
        if (s.index < 0 || s.index >= params.length) throw new Error(`missing query parameter ${s.name}`);
        return params[s.index];
      })
      : c.slots.map((s) => {
        if (!('name' in s)) return s.value;
        if (!(s.name in params)) throw new Error(`missing query parameter ${s.name}`);
        return (params as Record<string, unknown>)[s.name];
      });
    const statements = sqliteStatementsOf(db);
    if (statements) {
      const stmt = statements.prepare(c.sql);
      if (stmt.reader) return stmt.all(values) as R[];
      stmt.run(values);
      return [];
    }
    const result = await db.executeQuery<R>(CompiledQuery.raw(c.sql, values));
    return result.rows;
  }
}
