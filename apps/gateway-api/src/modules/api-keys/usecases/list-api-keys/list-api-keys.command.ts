import type { TenantScope } from '@cxgenie/database';

export interface ListApiKeysCommand {
  scope: TenantScope;
  limit: number;
  cursor?: string;
}
