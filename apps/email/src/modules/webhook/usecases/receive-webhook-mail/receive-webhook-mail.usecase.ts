import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { EmailChannelDirectory } from '../../../../core-modules/email-channels/email-channel-directory';
import { EmailMetrics } from '../../../../core-modules/metrics/email-metrics';
import { ReceiveEmail } from '../../../intake/usecases/receive-email/receive-email.usecase';
import { outcomeOf } from '../../../intake/usecases/receive-email/receive-email.command';
import { rawMimeOf } from '../../raw-mime';
import { WebhookException } from '../../webhook.exception';
import { presentedSecret, sameSecret } from '../../webhook-secret';
import type { ReceiveWebhookMailCommand, WebhookMailReceipt } from './receive-webhook-mail.command';

/**
 * `POST /webhooks/email/<channelId>`: raw MIME from an inbound-parse service. The channel comes
 * from the URL and its secret is checked before the body is read; then the mail takes the same
 * path as SMTP's. Answered 200 only once the mail is stored and queued, so the service's retry
 * of a failed call (5xx) loses nothing, and its retry of a call we did answer is a duplicate.
 */
@Injectable()
export class ReceiveWebhookMail {
  constructor(
    private readonly channels: EmailChannelDirectory,
    private readonly receive: ReceiveEmail,
    private readonly metrics: EmailMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async execute(command: ReceiveWebhookMailCommand): Promise<WebhookMailReceipt> {
    const channel = await this.channels.find(command.channelId);
    if (!channel) throw WebhookException.channelNotFound();
    const secret = presentedSecret(command.authorization);
    if (!secret) throw WebhookException.unauthenticated();
    if (!channel.webhookSecret || !sameSecret(secret, channel.webhookSecret))
      throw WebhookException.badSecret();
    const limit = this.config.email.maxMessageBytes;
    const raw = await rawMimeOf(command.contentType, command.body, limit).catch(() => null);
    if (!raw) throw WebhookException.noMessage();
    if (raw.length > limit) throw WebhookException.tooLarge(limit);
    const outcome = await this.receive.execute({ channel, raw, via: 'webhook' });
    this.metrics.received('webhook', outcomeOf(outcome));
    switch (outcome.kind) {
      case 'rejected':
        throw WebhookException.unreadable(outcome.reason);
      case 'accepted':
        return {
          outcome: outcome.automated ? 'auto_reply' : 'accepted',
          conversationId: outcome.conversationId,
          messageId: outcome.messageId,
        };
      case 'bounce':
        return {
          outcome: 'bounce',
          ...(outcome.failedMessageId && { messageId: outcome.failedMessageId }),
        };
      case 'ignored':
        return { outcome: 'ignored', reason: outcome.reason };
      case 'duplicate':
        return { outcome: 'duplicate' };
    }
  }
}
