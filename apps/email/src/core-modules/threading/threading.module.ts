import { Global, Module } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { EmailMessagesRepository } from './email-messages.repository';
import { ThreadTokens } from './thread-token';

/** How mail is tied to conversations: the Message-ID index and the conversation tokens. */
@Global()
@Module({
  providers: [
    {
      provide: ThreadTokens,
      useFactory: (config: ServiceConfig) => new ThreadTokens(config.encryptionKey),
      inject: [SERVICE_CONFIG],
    },
    EmailMessagesRepository,
  ],
  exports: [ThreadTokens, EmailMessagesRepository],
})
export class ThreadingModule {}
