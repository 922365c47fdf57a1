import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import { presentApiKey } from '../../api-key.presenter';
import type { ApiKeyResponse } from '../../dto/api-key.dto';
import type { ListApiKeysCommand } from './list-api-keys.command';

/** Revoked keys stay listed, with revokedAt, so an audit can tell what once had access. */
@Injectable()
export class ListApiKeys {
  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async execute({
    scope,
    limit,
    cursor,
  }: ListApiKeysCommand): Promise<PageResponse<ApiKeyResponse>> {
    const page = await this.apiKeys.list(scope, { limit, cursor });
    return { items: page.items.map(presentApiKey), nextCursor: page.nextCursor };
  }
}
