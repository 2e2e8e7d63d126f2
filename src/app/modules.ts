import type { Module } from './module.ts';
import { platformModule } from '../platform/platform.module.ts';

/**
 * Every bounded context of the product, in initialisation order (a module may use services that
 * earlier modules published). Add one line per module.
 */
export const MODULES: readonly Module[] = [
  platformModule,
];
