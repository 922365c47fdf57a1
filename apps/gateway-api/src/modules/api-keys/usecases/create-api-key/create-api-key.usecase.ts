import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '@cxgenie/database';
import { API_KEY_PREFIX } from '../../../../core-modules/auth/api-key-authenticator';
import { newOpaqueToken, sha256 } from '../../../../core-modules/crypto/opaque-token';
import { presentApiKey } from '../../api-key.presenter';
import type { CreatedApiKeyResponse } from '../../dto/api-key.dto';
import type { CreateApiKeyCommand } from './create-api-key.command';

// Long enough to tell keys apart in a list, far too short to help guess the rest.
const DISPLAY_PREFIX_LENGTH = 12;

@Injectable()
export class CreateApiKey {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async execute({
    scope,
    principal,
    name,
    role = 'admin',
  }: CreateApiKeyCommand): Promise<CreatedApiKeyResponse> {
    const key = newOpaqueToken(API_KEY_PREFIX);
    const row = await this.apiKeys.create(scope, {
      name: name.trim(),
      role,
      prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
      keyHash: sha256(key),
      createdBy: principal.kind === 'user' ? principal.userId : null,
    });
    return { ...presentApiKey(row), key };
  }
}
