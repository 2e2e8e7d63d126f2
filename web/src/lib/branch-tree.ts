/**
 * A branch as GET /api/v1/branches sends it (the parts read here; the web typecheck fails if the
 * API's generated type stops fitting, since the pages pass that data in).
 */
export interface Branch { id: string; parentId: string | null; code: string; name: string }

/** "Name (code)" for a branch id, or the id itself when it is not in the tree (out of scope, removed). */
export function branchLabel(id: string, branches: readonly Branch[] | undefined): string {
  const b = branches?.find((x) => x.id === id);
  return b ? `${b.name} (${b.code})` : id;
}

/** The tree depth first, each branch after its parent and siblings by code, with its depth. */
export function branchTree(branches: readonly Branch[]): Array<{ branch: Branch; depth: number }> {
  const ids = new Set(branches.map((b) => b.id));
  const children = new Map<string | null, Branch[]>();
  for (const b of branches) {
    // a branch whose parent is outside the caller's scope starts a tree of its own
    const parent = b.parentId !== null && ids.has(b.parentId) ? b.parentId : null;
    const list = children.get(parent);
    if (list) list.push(b);
    else children.set(parent, [b]);
  }
  const out: Array<{ branch: Branch; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const b of (children.get(parent) ?? []).sort((x, y) => x.code.localeCompare(y.code))) {
      out.push({ branch: b, depth });
      walk(b.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
