import { Global, Module } from '@nestjs/common';
import { IntegrationKeys } from './integration-keys';

@Global()
@Module({ providers: [IntegrationKeys], exports: [IntegrationKeys] })
export class LocksModule {}
