import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteStatementsOf, type StatementSource } from './database.ts';

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
  private readonly byDialect = new Map<string, Compiled>();

  constructor(private readonly build: (db: Kysely<DB>) => Compilable<R>) {}

  /**
   * `params`: an object keyed by the placeholders' names, or (placeholders named '0', '1', ...) an
   * array in that order, which spares hot multi-row statements building an object of many keys.
   */
  async execute(db: Kysely<DB>, params: P | readonly unknown[]): Promise<R[]> {
    const c = this.compiled(db, db.getExecutor().adapter.constructor.name);
    const values = Array.isArray(params) ? valuesOfArray(c, params) : valuesOfObject(c, params as Record<string, unknown>);
    const statements = sqliteStatementsOf(db);
    if (statements) {
      // The connection's statement, kept here: the shared cache's lookup hashes the SQL text.
      let s = c.sqlite.get(statements);
      if (!s) {
        const stmt = statements.prepare(c.sql);
        c.sqlite.set(statements, (s = { stmt, reader: stmt.reader }));
      }
      if (s.reader) return s.stmt.all(values) as R[];
      s.stmt.run(values);
      return [];
    }
    // CompiledQuery.raw freezes its parameters: never the caller's own array.
    const result = await db.executeQuery<R>(CompiledQuery.raw(c.sql, values === params ? [...values] : values as unknown[]));
    return result.rows;
  }

  private compiled(db: Kysely<DB>, key: string): Compiled {
    let c = this.byDialect.get(key);
    if (!c) {
      const compiled = this.build(db).compile();
      const slots: Slot[] = compiled.parameters.map((v) => {
        if (!(typeof v === 'string' && v.startsWith(MARK))) return { value: v };
        const name = v.slice(MARK.length);
        return { name, index: /^\d+$/.test(name) ? Number(name) : -1 };
      });
      c = {
        sql: compiled.sql,
        slots,
        inOrder: slots.every((s, i) => 'name' in s && s.index === i),
        sqlite: new WeakMap(),
      };
      this.byDialect.set(key, c);
    }
    return c;
  }
}

interface Compiled {
  sql: string;
  slots: Slot[];
  /** Every placeholder is '0', '1', ... in order: an argument array of that length is the values as is. */
  inOrder: boolean;
  /** Prepared statements by SQLite connection (statement source). */
  sqlite: WeakMap<StatementSource, { stmt: BetterSqlite3.Statement; reader: boolean }>;
}

function valuesOfArray(c: Compiled, params: readonly unknown[]): readonly unknown[] {
  if (c.inOrder && params.length === c.slots.length) return params;
  const values = new Array<unknown>(c.slots.length);
  for (let i = 0; i < c.slots.length; i++) {
    const s = c.slots[i];
    if (!('name' in s)) values[i] = s.value;
    else if (s.index < 0 || s.index >= params.length) throw new Error(`missing query parameter ${s.name}`);
    else values[i] = params[s.index];
  }
  return values;
}

function valuesOfObject(c: Compiled, params: Record<string, unknown>): unknown[] {
  const values = new Array<unknown>(c.slots.length);
  for (let i = 0; i < c.slots.length; i++) {
    const s = c.slots[i];
    if (!('name' in s)) values[i] = s.value;
    else if (!(s.name in params)) throw new Error(`missing query parameter ${s.name}`);
    else values[i] = params[s.name];
  }
  return values;
}
