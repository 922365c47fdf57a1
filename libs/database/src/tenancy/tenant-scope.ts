import type { Sequelize } from 'sequelize';
import type { TenancyMode } from '@cxgenie/contracts';
import type { ModelSet } from '../models';

/**
 * Where one workspace's data lives and which models reach it. Every tenant-scoped repository call
 * takes one; the workspace id in it comes from the authenticated principal, never from input.
 */
export interface TenantScope {
  workspaceId: string;
  mode: TenancyMode;
  models: ModelSet;
  sequelize: Sequelize;
}

export class WorkspaceNotFoundError extends Error {
  constructor(readonly workspaceId: string) {
    super(`workspace ${workspaceId} does not exist`);
    this.name = 'WorkspaceNotFoundError';
  }
}
