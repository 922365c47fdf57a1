import { Global, Module } from '@nestjs/common';
import { SecretBox } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { EmailChannelDirectory } from './email-channel-directory';

@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      // The key gateway-api seals channel secrets with.
      useFactory: (config: ServiceConfig) => new SecretBox(config.encryptionKey),
      inject: [SERVICE_CONFIG],
    },
    EmailChannelDirectory,
  ],
  exports: [EmailChannelDirectory, SecretBox],
})
export class EmailChannelsModule {}
