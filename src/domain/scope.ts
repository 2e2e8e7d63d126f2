/**
 * The data a caller may see: one institution and either all its branches (`branchIds: null`,
 * head office) or a list of branches (the branch and its sub-branches). Repositories filter every
 * read and check every write with it, so a route that forgets a check still cannot leak rows.
 */
export interface Scope {
  institutionId: string;
  branchIds: readonly string[] | null;
}

export function allBranches(institutionId: string): Scope {
  return { institutionId, branchIds: null };
}

export function scopeAllowsBranch(scope: Scope, branchId: string | null): boolean {
  if (scope.branchIds === null) return true;
  return branchId !== null && scope.branchIds.includes(branchId);
}
