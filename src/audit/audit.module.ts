import type { Module } from '../app/module.ts';

export const auditModule: Module = { name: 'audit' };
