import type { Availability, MemberRole } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';

export interface UpdateMemberCommand {
  scope: TenantScope;
  principal: Principal;
  memberId: string;
  role?: MemberRole;
  availability?: Availability;
  maxConcurrentConversations?: number;
}
