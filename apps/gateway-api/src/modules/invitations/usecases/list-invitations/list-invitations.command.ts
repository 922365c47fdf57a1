import type { TenantScope } from '@cxgenie/database';

export interface ListInvitationsCommand {
  scope: TenantScope;
  limit: number;
  cursor?: string;
}
