import type { TenantScope } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';
import type { InvitableRole } from '../../dto/invitation.dto';

export interface CreateInvitationCommand {
  scope: TenantScope;
  principal: Principal;
  email: string;
  role: InvitableRole;
}
