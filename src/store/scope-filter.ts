import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * The one SQL form of a branch scope: `column IN (branch ids)`, and nothing at all for a scope
 * with no branches. Repositories add it whenever `scope.branchIds` is not null (head office).
 */
export function inBranches(column: string, branchIds: readonly string[]): Expression<SqlBool> {
  return branchIds.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`${sql.ref(column)} in (${sql.join(branchIds)})`;
}
