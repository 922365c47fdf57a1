import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformOptions, QueuesModule } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { ConversationIntakeModule, ConversationStoreModule } from '@cxgenie/conversations';
import { RealtimeModule } from '@cxgenie/realtime';
import { EmailChannelsModule } from './core-modules/email-channels/email-channels.module';
import { MailStoreModule } from './core-modules/mail-store/mail-store.module';
import { EmailMetricsModule } from './core-modules/metrics/email-metrics';
import { ThreadingModule } from './core-modules/threading/threading.module';
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
        PlatformModule.forService(config, options),
        // Feeds conversation.inbound, handoff.requests and analytics.events; drains email.outbound;
        // spools accepted mail on email.inbound and drains it (ADR 0042).
        QueuesModule.register([
          QueueNames.ConversationInbound,
          QueueNames.EmailOutbound,
          QueueNames.EmailInbound,
          QueueNames.HandoffRequests,
          QueueNames.AnalyticsEvents,
        ]),
        RealtimeModule,
        ConversationStoreModule,
        ConversationIntakeModule,
        EmailMetricsModule,
        EmailChannelsModule,
        ThreadingModule,
        MailStoreModule,
        SmtpModule,
        WebhookModule,
        MailboxModule,
        OutboundModule,
        inboundReader === 'own-thread' ? InboundThreadModule : SpoolReaderModule,
      ],
    };
  }
}
