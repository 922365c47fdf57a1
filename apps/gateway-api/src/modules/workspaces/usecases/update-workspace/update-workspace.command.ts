import type { TenantScope } from '@cxgenie/database';

export interface UpdateWorkspaceCommand {
  scope: TenantScope;
  name?: string;
  timezone?: string;
  settings?: Record<string, unknown>;
}
