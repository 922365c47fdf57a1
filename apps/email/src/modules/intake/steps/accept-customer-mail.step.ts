import { Injectable } from '@nestjs/common';
import { type EmailMessageMetadata, MAX_MESSAGE_CHARS } from '@cxgenie/contracts';
import { AcceptCustomerMessage, DuplicatePlatformMessageError } from '@cxgenie/conversations';
import { MailStore } from '../../../core-modules/mail-store/mail-store';
import { EmailMessagesRepository } from '../../../core-modules/threading/email-messages.repository';
import { MailCustomers } from '../mail-customers';
import { autoReplyReason, isForwarded } from '../parsing/automated-mail';
import { splitReply } from '../parsing/reply-text';
import { ThreadResolver } from '../threading/thread-resolver';
import type { ReceiveOutcome } from '../usecases/receive-email/receive-email.command';
import type { ClaimedMail } from './claimed-mail';
import { MailAttachments } from './mail-attachments.step';

/** What the customer wrote is at the top: the reply parser reads no further than this. */
const MAX_REPLY_PARSE_CHARS = 32_000;
/** Quoted history kept on the message for agents; the raw mail has all of it. */
const MAX_QUOTED_CHARS = 20_000;

/**
 * A person's mail (or an auto-reply) as a customer message: its sender as the channel's customer,
 * its thread resolved to a conversation, what they wrote above the quote, its attachments and
 * HTML kept, handed to the conversation owner's intake like every channel's messages.
 */
@Injectable()
export class AcceptCustomerMail {
  constructor(
    private readonly customers: MailCustomers,
    private readonly threads: ThreadResolver,
    private readonly attachments: MailAttachments,
    private readonly store: MailStore,
    private readonly intake: AcceptCustomerMessage,
    private readonly mails: EmailMessagesRepository,
  ) {}

  async execute(claimed: ClaimedMail, botId: string): Promise<ReceiveOutcome> {
    const { scope, command, mail, claimId } = claimed;
    const { channel } = command;
    const customerId = await this.customers.idOf(scope, channel.id, mail.from!);
    const automated = autoReplyReason(mail);
    const reply = splitReply(mail.text.slice(0, MAX_REPLY_PARSE_CHARS));
    const written = reply.visible || mail.subject || '(no text)';
    const [conversationId, { attachments, skipped }, htmlKey, rawKey] = await Promise.all([
      isForwarded(mail)
        ? null
        : this.threads.resolve(scope, channel, customerId, mail, command.envelopeRecipients),
      this.attachments.keep(channel, mail.attachments),
      mail.html ? this.store.putHtml(channel.workspaceId, channel.id, mail.html) : null,
      claimed.rawStored,
    ]);
    let accepted;
    try {
      accepted = await this.intake.execute(scope, {
        party: { channelId: channel.id, botId, customerId },
        text: written.slice(0, MAX_MESSAGE_CHARS),
        attachments,
        platformMessageId: mail.rfcMessageId,
        thread: { conversationId },
        subject: mail.subject || null,
        automated: automated !== null,
        metadata: {
          email: {
            via: command.via,
            rfcMessageId: mail.rfcMessageId,
            from: mail.from,
            recipients: mail.recipients,
            subject: mail.subject,
            date: mail.date?.toISOString() ?? null,
            inReplyTo: mail.inReplyTo,
            quoted: reply.quoted.slice(0, MAX_QUOTED_CHARS),
            signature: reply.signature,
            ...(written.length > MAX_MESSAGE_CHARS && { textTruncated: true }),
            ...(automated && { autoReply: automated }),
            ...(skipped.length > 0 && { skippedAttachments: skipped }),
            rawKey,
            htmlKey,
          } satisfies EmailMessageMetadata,
        },
      });
    } catch (error) {
      if (!(error instanceof DuplicatePlatformMessageError)) throw error;
      // Accepted by an earlier attempt that died before settling: the message is there.
      await this.mails.settle(scope, claimId, {
        ...(await claimed.base()),
        state: 'accepted',
        customerId,
      });
      return { kind: 'duplicate' };
    }
    if (!accepted) return claimed.ignore('the channel takes no messages');
    const { message, conversationCreated } = accepted;
    await this.mails.settle(scope, claimId, {
      ...(await claimed.base()),
      state: automated ? 'auto_reply' : 'accepted',
      reason: automated,
      conversationId: message.conversationId,
      messageId: message.id,
      customerId,
    });
    return {
      kind: 'accepted',
      conversationId: message.conversationId,
      messageId: message.id,
      conversationCreated,
      automated: automated !== null,
    };
  }
}
