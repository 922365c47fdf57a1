import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';

/**
 * Every Redis key the integration service uses, under the queue prefix: environments (and test
 * runs) sharing one Redis never see each other's staged messages, locks or dedupe marks.
 */
@Injectable()
export class IntegrationKeys {
  private readonly root: string;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.root = `${config.queuePrefix}:integration`;
  }

  /** Marks a platform message id as seen, for the dedupe TTL. */
  seen(channelId: string, platformMessageId: string): string {
    return `${this.root}:seen:${channelId}:${platformMessageId}`;
  }

  /** A customer's messages waiting out the reordering window, scored by platform time. */
  staged(group: string): string {
    return `${this.root}:inbound:staged:${group}`;
  }

  /** Groups with staged messages, scored by when they are due. */
  dueGroups(): string {
    return `${this.root}:inbound:due`;
  }

  flushLock(group: string): string {
    return `${this.root}:inbound:flushing:${group}`;
  }

  outboundLock(conversationId: string): string {
    return `${this.root}:outbound:lock:${conversationId}`;
  }

  /** Set while a conversation's next message waits out a retry delay. */
  outboundHold(conversationId: string): string {
    return `${this.root}:outbound:hold:${conversationId}`;
  }

  /** A receipt that arrived before we knew which message it is about. */
  pendingStatus(channelId: string, platformMessageId: string): string {
    return `${this.root}:status:pending:${channelId}:${platformMessageId}`;
  }

  /** Everything above, for cleanup (benchmarks, tests). */
  pattern(): string {
    return `${this.root}:*`;
  }
}
