import { Injectable } from '@nestjs/common';
import { Op } from 'sequelize';
import { TenantConnections } from '@cxgenie/database';
import { sha256 } from '../crypto/opaque-token';
import type { Principal } from './principal';

export const API_KEY_PREFIX = 'cxg_';
// Recording every use would turn each API call into a write; a minute's precision is plenty.
const LAST_USED_PRECISION_MS = 60_000;

@Injectable()
export class ApiKeyAuthenticator {
  constructor(private readonly tenants: TenantConnections) {}

  async authenticate(key: string): Promise<Principal | null> {
    const apiKey = await this.tenants.control.ApiKey.findOne({
      where: { keyHash: sha256(key), revokedAt: { [Op.is]: null } },
    });
    if (!apiKey) return null;
    if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await apiKey.update({ lastUsedAt: new Date() });
    }
    return {
      kind: 'api-key',
      apiKeyId: apiKey.id,
      workspaceId: apiKey.workspaceId,
      role: apiKey.role,
    };
  }
}
