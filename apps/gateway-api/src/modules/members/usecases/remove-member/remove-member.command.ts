import type { TenantScope } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';

export interface RemoveMemberCommand {
  scope: TenantScope;
  principal: Principal;
  memberId: string;
}
