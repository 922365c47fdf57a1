import type { ModuleMetadata } from '@nestjs/common';
import { PlatformModule, type PlatformOptions, QueuesModule } from '@cxgenie/bootstrap';
import type { ServiceConfig } from '@cxgenie/config';
import { QueueNames } from '@cxgenie/contracts';
import { ConversationIntakeModule, ConversationStoreModule } from '@cxgenie/conversations';
import { RealtimeModule } from '@cxgenie/realtime';
import { EmailChannelsModule } from './core-modules/email-channels/email-channels.module';
import { MailStoreModule } from './core-modules/mail-store/mail-store.module';
import { EmailMetricsModule } from './core-modules/metrics/email-metrics';
import { ThreadingModule } from './core-modules/threading/threading.module';

/** The queues reading mail feeds: the bot's conversations, handoffs and analytics. */
const READING_QUEUES = [
  QueueNames.ConversationInbound,
  QueueNames.EmailInbound,
  QueueNames.HandoffRequests,
  QueueNames.AnalyticsEvents,
] as const;

/**
 * What the email service and its inbound reader thread (ADR 0047) both stand on: the platform,
 * the queues mail is read into, the conversation owner and mail's shared parts. One list, so the
 * thread never lacks what the service's own reader has.
 */
export function emailFoundation(
  config: ServiceConfig,
  options: PlatformOptions = {},
  { sends }: { sends: boolean },
): NonNullable<ModuleMetadata['imports']> {
  return [
    PlatformModule.forService(config, options),
    QueuesModule.register(sends ? [...READING_QUEUES, QueueNames.EmailOutbound] : READING_QUEUES),
    RealtimeModule,
    ConversationStoreModule,
    ConversationIntakeModule,
    EmailMetricsModule,
    EmailChannelsModule,
    ThreadingModule,
    MailStoreModule,
  ];
}
