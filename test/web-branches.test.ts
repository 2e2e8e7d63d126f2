import { describe, expect, it } from 'vitest';
import { branchLabel, branchTree, type Branch } from '../web/src/lib/branch-tree.ts';

const b = (id: string, parentId: string | null, code: string): Branch => ({ id, parentId, code, name: `Name ${id}` });

describe('branch tree for the pickers (web/src/lib/branches.ts)', () => {
  it('lists each branch after its parent, siblings by code, with its depth', () => {
    const tree = branchTree([b('sub2', 'hq', 'B2'), b('leaf', 'sub2', 'B21'), b('hq', null, 'HQ'), b('sub1', 'hq', 'B1')]);
    expect(tree.map((x) => [x.branch.id, x.depth])).toEqual([['hq', 0], ['sub1', 1], ['sub2', 1], ['leaf', 2]]);
  });

  it('starts a tree at a branch whose parent is outside the caller\'s scope', () => {
    expect(branchTree([b('leaf', 'sub2', 'B21'), b('sub3', 'hq', 'B3')]).map((x) => [x.branch.id, x.depth])).toEqual([['leaf', 0], ['sub3', 0]]);
  });

  it('labels a branch by name and code, and an unknown id as itself', () => {
    const all = [b('sub1', null, 'B1')];
    expect(branchLabel('sub1', all)).toBe('Name sub1 (B1)');
    expect(branchLabel('gone', all)).toBe('gone');
    expect(branchLabel('sub1', undefined)).toBe('sub1');
  });
});
