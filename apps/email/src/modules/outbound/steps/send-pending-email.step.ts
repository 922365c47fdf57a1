import { Injectable } from '@nestjs/common';
import type { PendingDelivery, SendOutcome } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import { EmailChannelDirectory } from '../../../core-modules/email-channels/email-channel-directory';
import { MailStore, storageKeyOfUrl } from '../../../core-modules/mail-store/mail-store';
import { EmailMessagesRepository } from '../../../core-modules/threading/email-messages.repository';
import { ThreadTokens } from '../../../core-modules/threading/thread-token';
import { composeMail } from '../composing/compose-mail';
import type { EmailOutboundJob } from '../outbound-job';
import { OutboundException } from '../outbound.exception';
import { classifySendFailure } from '../transport/send-failure';
import { SmtpTransports } from '../transport/smtp-transports';
import { EmailDeliveryOutcomes } from './email-delivery-outcomes.step';

/**
 * One queued message as a mail in the conversation's thread, through the channel's SMTP server.
 * The server's answer decides the outcome (EmailDeliveryOutcomes).
 */
@Injectable()
export class SendPendingEmail {
  constructor(
    private readonly channels: EmailChannelDirectory,
    private readonly mails: EmailMessagesRepository,
    private readonly store: MailStore,
    private readonly tokens: ThreadTokens,
    private readonly transports: SmtpTransports,
    private readonly outcomes: EmailDeliveryOutcomes,
  ) {}

  async execute(
    scope: TenantScope,
    job: EmailOutboundJob,
    message: PendingDelivery,
  ): Promise<SendOutcome> {
    const channel = await this.channels.findInWorkspace(scope.workspaceId, message.channel_id);
    try {
      if (!channel) throw OutboundException.channelGone();
      if (!message.external_id) throw OutboundException.noRecipient();
      const head = await this.mails.threadHead(scope, job.conversationId);
      const { options, rfcMessageId } = composeMail({
        channel,
        messageId: message.id,
        senderType: message.sender_type,
        text: message.text,
        recipient: message.external_id,
        token: this.tokens.sign(job.conversationId),
        head,
        attachments: await this.attachmentsOf(message),
      });
      await this.transports.for(channel).sendMail(options);
      return await this.outcomes.sent(scope, job, message, {
        channelId: channel.id,
        rfcMessageId,
        conversationId: job.conversationId,
        messageId: message.id,
        customerId: head?.customerId ?? null,
        subject: String(options.subject),
        referenceIds: String(options.references ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => id.replace(/^<|>$/g, '')),
      });
    } catch (error) {
      if (error instanceof OutboundException)
        return this.outcomes.fail(scope, job, message, error.message, error.code);
      const failure = classifySendFailure(error);
      if (failure.permanent)
        return this.outcomes.fail(scope, job, message, failure.reason, failure.code);
      return this.outcomes.retryLater(scope, job, message, failure.reason, channel);
    }
  }

  private async attachmentsOf(message: PendingDelivery) {
    const out = [];
    for (const attachment of message.attachments) {
      const key = storageKeyOfUrl(attachment.url);
      // Only files we keep: a message never makes this service fetch a URL from elsewhere.
      if (key) out.push({ attachment, content: await this.store.get(key) });
    }
    return out;
  }
}
