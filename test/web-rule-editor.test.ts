import { describe, expect, it } from 'vitest';
import { builtInScenarios, validateScenario } from '../src/engine/index.ts';
import { AppError } from '../src/shared/errors.ts';
import { fromEdit, normalisePath, toEdit, type EditNode } from '../web/src/lib/rule.ts';

/** Editor paths as the web app's rule editor builds them (RuleEditor: `${path}.${kind}.${i}`, leaf fields). */
function leafPaths(n: EditNode, path = 'when'): string[] {
  if (n.kind === 'all' || n.kind === 'any') return n.children.flatMap((c, i) => leafPaths(c, `${path}.${n.kind}.${i}`));
  if (n.kind === 'not') return leafPaths(n.child, `${path}.not`);
  return [`${path}.feature`, `${path}.op`, `${path}.value`];
}

describe('web rule editor', () => {
  it('sends every built-in scenario\'s rule back unchanged when nothing was edited', () => {
    expect(builtInScenarios.length).toBeGreaterThan(0);
    for (const s of builtInScenarios) expect(fromEdit(toEdit(s.when)), s.id).toEqual(s.when);
  });

  it('maps the engine\'s validation paths to the editor field that holds the error', () => {
    const s = builtInScenarios.find((x) => 'all' in (x.when as object) && 'feature' in ((x.when as { all: object[] }).all[1] ?? {}))!;
    expect(s).toBeDefined();
    const edit = toEdit(s.when) as Extract<EditNode, { kind: 'all' }>;
    const second = edit.children[1] as Extract<EditNode, { kind: 'leaf' }>;
    const broken = { ...edit, children: [edit.children[0], { ...second, feature: 'no_such_feature' }, ...edit.children.slice(2)] };
    let details: Array<{ path?: string; message: string }> = [];
    try {
      validateScenario({ ...s, when: fromEdit(broken) });
    } catch (e) {
      details = (e as AppError).details;
    }
    expect(details.length).toBeGreaterThan(0);
    const paths = details.map((d) => normalisePath(d.path));
    expect(paths).toContain('when.all.1.feature');
    expect(leafPaths(broken)).toContain('when.all.1.feature');
  });

  it('normalises API paths from the body, bracket and array forms', () => {
    expect(normalisePath('body.when.all[1].op')).toBe('when.all.1.op');
    expect(normalisePath('when.any.0.not.value')).toBe('when.any.0.not.value');
    expect(normalisePath(['when', 'all', 2, 'feature'])).toBe('when.all.2.feature');
    expect(normalisePath('reason.zh-CN')).toBe('reason.zh-CN');
    expect(normalisePath(undefined)).toBe('');
  });
});
