import type { Migration } from './migration';

/**
 * Every migration, in order. Listed statically rather than globbed so the same list runs under
 * ts-node, Jest and the compiled build.
 */
export const MIGRATIONS: readonly Migration[] = [];
