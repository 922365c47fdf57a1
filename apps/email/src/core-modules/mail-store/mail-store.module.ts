import { Global, Module } from '@nestjs/common';
import { StorageModule } from '@cxgenie/storage';
import { MailStore } from './mail-store';

@Global()
@Module({ imports: [StorageModule.forService()], providers: [MailStore], exports: [MailStore] })
export class MailStoreModule {}
