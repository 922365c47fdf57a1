import { Module } from '@nestjs/common';
import { ApiKeyRepository } from '@cxgenie/database';
import { ApiKeysController } from './api-keys.controller';
import { CreateApiKey } from './usecases/create-api-key/create-api-key.usecase';
import { ListApiKeys } from './usecases/list-api-keys/list-api-keys.usecase';
import { RevokeApiKey } from './usecases/revoke-api-key/revoke-api-key.usecase';

@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyRepository, ListApiKeys, CreateApiKey, RevokeApiKey],
})
export class ApiKeysModule {}
