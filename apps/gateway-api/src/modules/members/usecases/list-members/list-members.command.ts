import type { Availability, MemberRole } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';

export interface ListMembersCommand {
  scope: TenantScope;
  limit: number;
  cursor?: string;
  role?: MemberRole;
  availability?: Availability;
}
