import { Global, Module } from '@nestjs/common';
import { IntegrationKeys } from './integration-keys';
import { RedisLocks } from './redis-lock';

@Global()
@Module({ providers: [RedisLocks, IntegrationKeys], exports: [RedisLocks, IntegrationKeys] })
export class LocksModule {}
