import { type DynamicModule, Module } from '@nestjs/common';
import type { PlatformOptions } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { emailFoundation } from './email-foundation';
import { MailboxModule } from './modules/mailbox/mailbox.module';
import { OutboundModule } from './modules/outbound/outbound.module';
import { SmtpModule } from './modules/smtp/smtp.module';
import { InboundThreadModule } from './modules/spool/inbound-thread/inbound-thread.module';
import { SpoolReaderModule } from './modules/spool/spool-reader.module';
import { WebhookModule } from './modules/webhook/webhook.module';

/**
 * Where the `email.inbound` reader runs (ADR 0047): on the receiving thread's event loop (tests
 * that boot the service in their own process), or in a worker thread of its own (the service's
 * main, which `npm start` and the image run).
 */
export type InboundReader = 'same-thread' | 'own-thread';

/**
 * The email channel: mail in (an SMTP receiver, an inbound webhook, polled IMAP mailboxes), one
 * path after (parsed, threaded, handed to the conversation owner's intake like every channel's
 * messages), and replies out by SMTP from `email.outbound`.
 */
@Module({})
export class EmailModule {
  static register(
    config: ServiceConfig,
    options: PlatformOptions = {},
    inboundReader: InboundReader = 'same-thread',
  ): DynamicModule {
    return {
      module: EmailModule,
      imports: [
        // Reads mail into conversation.inbound, handoff.requests and analytics.events from the
        // email.inbound spool (ADR 0042); drains email.outbound.
        ...emailFoundation(config, options, { sends: true }),
        SmtpModule,
        WebhookModule,
        MailboxModule,
        OutboundModule,
        inboundReader === 'own-thread' ? InboundThreadModule : SpoolReaderModule,
      ],
    };
  }
}
