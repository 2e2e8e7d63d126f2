export const OPS = ['>', '>=', '<', '<=', '==', '!=', 'between', 'in', 'not_in'] as const;
export type Op = (typeof OPS)[number];
