import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, type TenantScope } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';

/** Takes effect on the key's next request; revoking twice keeps the first revocation time. */
@Injectable()
export class RevokeApiKey {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async execute(scope: TenantScope, id: string): Promise<void> {
    const apiKey = await this.apiKeys.findById(scope, id);
    if (!apiKey) throw new ResourceNotFoundException('API key');
    if (!apiKey.revokedAt) await this.apiKeys.update(scope, id, { revokedAt: new Date() });
  }
}
