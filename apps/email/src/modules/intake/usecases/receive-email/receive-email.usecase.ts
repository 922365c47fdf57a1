import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Queue } from 'bull';
import type { Attachment as ParsedAttachment } from 'mailparser';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  type Attachment,
  type HandoffRequestJobData,
  MAX_MESSAGE_CHARS,
  QueueNames,
  ServerEvents,
} from '@cxgenie/contracts';
import {
  AcceptCustomerMessage,
  DuplicatePlatformMessageError,
  MessageDeliveriesStore,
} from '@cxgenie/conversations';
import { type TenantScope, TenantConnections } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import type { EmailChannel } from '../../../../core-modules/email-channels/email-channel';
import { MailStore, storageUrl } from '../../../../core-modules/mail-store/mail-store';
import { EmailMessagesRepository } from '../../../../core-modules/threading/email-messages.repository';
import { IntakeException } from '../../intake.exception';
import { MailCustomers } from '../../mail-customers';
import { autoReplyReason, isForwarded } from '../../parsing/automated-mail';
import { type BounceReport, bounceReport, isFailure } from '../../parsing/bounce-report';
import {
  type ParsedEmail,
  UnreadableMailError,
  oneLine,
  parseMail,
} from '../../parsing/parse-mail';
import { splitReply } from '../../parsing/reply-text';
import { ThreadResolver } from '../../threading/thread-resolver';
import type { ReceiveEmailCommand, ReceiveOutcome } from './receive-email.command';

/** What the customer wrote is at the top: the reply parser reads no further than this. */
const MAX_REPLY_PARSE_CHARS = 32_000;
/** Quoted history kept on the message for agents; the raw mail has all of it. */
const MAX_QUOTED_CHARS = 20_000;

interface SkippedAttachment {
  name: string;
  sizeBytes: number;
  reason: string;
}

/**
 * The one path every mail takes after it came in (SMTP, the inbound webhook, a polled mailbox):
 * claimed by its Message-ID (a redelivery is a duplicate), kept raw, read with mailparser, sorted
 * (our own mail coming back, a bounce, an auto-reply, a person's mail), its thread resolved to a
 * conversation, and handed to the conversation owner's intake like every channel's messages.
 * Returns only once the outcome is stored: a caller may then tell the sender it has the mail.
 * Anything that fails for now (the database, the storage) throws, and nothing is settled: the
 * sender's retry (SMTP 451, a webhook's 503, the mailbox's next read) receives it again.
 */
@Injectable()
export class ReceiveEmail {
  private readonly logger = new Logger(ReceiveEmail.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly mails: EmailMessagesRepository,
    private readonly store: MailStore,
    private readonly customers: MailCustomers,
    private readonly intake: AcceptCustomerMessage,
    private readonly deliveries: MessageDeliveriesStore,
    private readonly threads: ThreadResolver,
    private readonly broadcaster: RealtimeBroadcaster,
    @InjectQueue(QueueNames.HandoffRequests)
    private readonly handoffs: Queue<HandoffRequestJobData>,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async execute(command: ReceiveEmailCommand): Promise<ReceiveOutcome> {
    const { channel, raw } = command;
    const scope = await this.tenants.scope(channel.workspaceId);
    if (raw.length > this.config.email.maxMessageBytes)
      return {
        kind: 'rejected',
        reason: `the message is ${raw.length} bytes; the limit is ${this.config.email.maxMessageBytes}`,
      };
    let mail: ParsedEmail;
    try {
      mail = await parseMail(raw);
    } catch (error) {
      if (!(error instanceof UnreadableMailError)) throw error;
      return this.rejectUnreadable(scope, command, error.message);
    }
    const claim = await this.mails.claimInbound(scope, {
      channelId: channel.id,
      rfcMessageId: mail.rfcMessageId,
      via: command.via,
      sizeBytes: raw.length,
    });
    if (claim.kind === 'duplicate') return { kind: 'duplicate' };
    if (claim.kind === 'busy') throw IntakeException.busy(mail.rfcMessageId);
    try {
      return await this.receive(scope, command, mail, claim.id);
    } catch (error) {
      await this.mails.release(scope, claim.id).catch(() => undefined);
      throw error;
    }
  }

  private async receive(
    scope: TenantScope,
    command: ReceiveEmailCommand,
    mail: ParsedEmail,
    claimId: string,
  ): Promise<ReceiveOutcome> {
    const { channel } = command;
    // Independent writes and reads run side by side: this is the SMTP dialogue's wait.
    const rawStored = this.store.putRaw(channel.workspaceId, channel.id, command.raw);
    rawStored.catch(() => undefined);
    const base = async () => ({
      rawKey: await rawStored,
      sender: mail.from!.address,
      subject: mail.subject,
      referenceIds: [...new Set([...mail.references, ...mail.inReplyTo])],
    });
    const ignore = async (reason: string): Promise<ReceiveOutcome> => {
      await this.mails.settle(scope, claimId, { ...(await base()), state: 'ignored', reason });
      this.logger.warn(`mail <${mail.rfcMessageId}> to channel ${channel.id} ignored: ${reason}`);
      return { kind: 'ignored', reason };
    };
    // Our own mail coming back (a customer's forward to us, a CC to the support address).
    if (channel.settings.addresses.includes(mail.from!.address))
      return ignore("sent from the channel's own address");
    const bounce = bounceReport(mail);
    if (bounce) return this.receiveBounce(scope, channel, bounce, claimId, await base());
    if (!channel.isActive) return ignore('the channel is switched off');
    if (!channel.botId) return ignore('the channel has no bot');

    const customerId = await this.customers.idOf(scope, channel.id, mail.from!);
    const automated = autoReplyReason(mail);
    const reply = splitReply(mail.text.slice(0, MAX_REPLY_PARSE_CHARS));
    const written = reply.visible || mail.subject || '(no text)';
    const [conversationId, { attachments, skipped }, htmlKey, rawKey] = await Promise.all([
      isForwarded(mail)
        ? null
        : this.threads.resolve(scope, channel, customerId, mail, command.envelopeRecipients),
      this.storeAttachments(channel, mail.attachments),
      mail.html ? this.store.putHtml(channel.workspaceId, channel.id, mail.html) : null,
      rawStored,
    ]);
    let accepted;
    try {
      accepted = await this.intake.execute(scope, {
        party: { channelId: channel.id, botId: channel.botId, customerId },
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
          },
        },
      });
    } catch (error) {
      if (!(error instanceof DuplicatePlatformMessageError)) throw error;
      // Accepted by an earlier attempt that died before settling: the message is there.
      await this.mails.settle(scope, claimId, {
        ...(await base()),
        state: 'accepted',
        customerId,
      });
      return { kind: 'duplicate' };
    }
    if (!accepted) return ignore('the channel takes no messages');
    const { message, conversationCreated } = accepted;
    await this.mails.settle(scope, claimId, {
      ...(await base()),
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

  /**
   * A delivery report: a permanent failure of one of our messages marks it failed with the
   * receiving server's words, tells the agents, and hands the conversation to a human (the bot
   * cannot reach this customer by mail), as a failed platform delivery does. Never a customer
   * message, so never answered.
   */
  private async receiveBounce(
    scope: TenantScope,
    channel: EmailChannel,
    report: BounceReport,
    claimId: string,
    base: { rawKey: string; sender: string; subject: string; referenceIds: string[] },
  ): Promise<ReceiveOutcome> {
    const reason = [report.status, report.diagnostic ?? report.action].filter(Boolean).join(' ');
    let failed: { messageId: string; conversationId: string; changed: boolean } | null = null;
    if (isFailure(report)) {
      for (const id of report.originalMessageIds) {
        failed = await this.deliveries.markBounced(scope, {
          channelId: channel.id,
          platformMessageId: id,
          reason: `Bounced: ${reason}`.slice(0, 1_000),
        });
        if (failed) break;
      }
    }
    await this.mails.settle(scope, claimId, {
      ...base,
      state: 'bounce',
      reason: `${report.action}${failed ? '' : ' (no message of ours)'}: ${reason}`.slice(0, 1_000),
      conversationId: failed?.conversationId ?? null,
      messageId: failed?.messageId ?? null,
    });
    if (failed?.changed) {
      this.logger.warn(`message ${failed.messageId} bounced: ${reason}`);
      this.broadcaster.toConversation(
        scope.workspaceId,
        failed.conversationId,
        ServerEvents.MessageStatus,
        {
          conversationId: failed.conversationId,
          messageId: failed.messageId,
          status: 'failed',
          reason: `Bounced: ${reason}`,
          at: new Date().toISOString(),
        },
      );
      await this.handOff(scope, failed.conversationId, failed.messageId, reason);
    }
    return { kind: 'bounce', failedMessageId: failed?.messageId ?? null };
  }

  private async handOff(
    scope: TenantScope,
    conversationId: string,
    messageId: string,
    reason: string,
  ): Promise<void> {
    await this.handoffs.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        conversationId,
        reason: 'delivery_failed' as const,
        messageId,
        note: `Delivery failed: the mail bounced (${reason})`,
        requestedAt: new Date().toISOString(),
      }),
      { jobId: `delivery-failed:${messageId}` },
    );
  }

  /** Mail that cannot be read is kept raw with the reason, under an id made from its bytes. */
  private async rejectUnreadable(
    scope: TenantScope,
    { channel, raw, via }: ReceiveEmailCommand,
    reason: string,
  ): Promise<ReceiveOutcome> {
    const rfcMessageId = `${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@unreadable.invalid`;
    const claim = await this.mails.claimInbound(scope, {
      channelId: channel.id,
      rfcMessageId,
      via,
      sizeBytes: raw.length,
    });
    if (claim.kind === 'claimed') {
      const rawKey = await this.store.putRaw(channel.workspaceId, channel.id, raw);
      await this.mails.settle(scope, claim.id, { state: 'rejected', reason, rawKey });
    }
    this.logger.warn(`unreadable mail to channel ${channel.id} rejected: ${reason}`);
    return { kind: 'rejected', reason };
  }

  /**
   * Attachments and inline images through the storage port, within the size and count limits;
   * what is left out is listed on the message with the reason. Nothing is ever unpacked (an
   * archive is stored as the bytes it is), so a compression bomb costs its own size only.
   */
  private async storeAttachments(
    channel: EmailChannel,
    parts: ParsedAttachment[],
  ): Promise<{ attachments: Attachment[]; skipped: SkippedAttachment[] }> {
    const { maxAttachmentBytes, maxAttachments } = this.config.email;
    const attachments: Attachment[] = [];
    const skipped: SkippedAttachment[] = [];
    for (const part of parts) {
      const name = oneLine(part.filename ?? part.contentId ?? 'attachment', 200) || 'attachment';
      const sizeBytes = part.size ?? part.content.length;
      if (sizeBytes > maxAttachmentBytes) {
        skipped.push({ name, sizeBytes, reason: `larger than ${maxAttachmentBytes} bytes` });
        continue;
      }
      if (attachments.length >= maxAttachments) {
        skipped.push({ name, sizeBytes, reason: `more than ${maxAttachments} attachments` });
        continue;
      }
      const mimeType = (part.contentType || 'application/octet-stream').toLowerCase();
      const key = await this.store.putAttachment(
        channel.workspaceId,
        channel.id,
        part.content,
        mimeType,
      );
      attachments.push({
        type: attachmentType(mimeType),
        url: storageUrl(key),
        name,
        mimeType,
        sizeBytes,
      });
    }
    return { attachments, skipped };
  }
}

const attachmentType = (mimeType: string): Attachment['type'] =>
  mimeType.startsWith('image/')
    ? 'image'
    : mimeType.startsWith('video/')
      ? 'video'
      : mimeType.startsWith('audio/')
        ? 'audio'
        : 'file';
