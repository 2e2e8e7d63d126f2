/** Colours chosen for WCAG AA contrast (≥ 4.5:1 as text on white, ≥ 3:1 as chart marks). */
export const DECISION_COLORS = { allow: '#1a7f37', review: '#9a6700', block: '#b42318' } as const;
export const ROLE_COLORS: Record<string, string> = {
  source: '#0b5cad',
  mule: '#9a6700',
  sink: '#b42318',
  member: '#5a32a3',
  context: '#57606a',
};
