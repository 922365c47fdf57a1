import type { TenantScope } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';
import type { ApiKeyRole } from '../../dto/api-key.dto';

export interface CreateApiKeyCommand {
  scope: TenantScope;
  principal: Principal;
  name: string;
  role?: ApiKeyRole;
}
