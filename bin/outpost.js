#!/usr/bin/env node
// Entry point of the `outpost` CLI. The TypeScript sources are loaded through tsx's ESM loader so
// that `npm install` needs no separate compile step; tsx transpiles each module once at load.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
