import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, QueuesModule } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { ConversationIntakeModule, ConversationStoreModule } from '@cxgenie/conversations';
import { RealtimeModule } from '@cxgenie/realtime';
import { EmailChannelsModule } from '../../../core-modules/email-channels/email-channels.module';
import { MailStoreModule } from '../../../core-modules/mail-store/mail-store.module';
import { EmailMetricsModule } from '../../../core-modules/metrics/email-metrics';
import { ThreadingModule } from '../../../core-modules/threading/threading.module';
import { SpoolReaderModule } from '../spool-reader.module';

/**
 * The inbound thread's application (ADR 0047): no HTTP, no SMTP, no mailboxes, no outbound; the
 * `email.inbound` reader and what reading a mail needs, on connections of its own.
 */
@Module({})
export class EmailInboundModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: EmailInboundModule,
      imports: [
        PlatformModule.forService(config),
        // Reads email.inbound; feeds conversation.inbound, handoff.requests and analytics.events.
        QueuesModule.register([
          QueueNames.ConversationInbound,
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
        SpoolReaderModule,
      ],
    };
  }
}
