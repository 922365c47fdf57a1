import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { type TenantScope, TenantConnections } from '@cxgenie/database';
import { MailStore } from '../../../../core-modules/mail-store/mail-store';
import { EmailMessagesRepository } from '../../../../core-modules/threading/email-messages.repository';
import { IntakeException } from '../../intake.exception';
import { bounceReport } from '../../parsing/bounce-report';
import { type ParsedEmail, UnreadableMailError, parseMail } from '../../parsing/parse-mail';
import { AcceptCustomerMail } from '../../steps/accept-customer-mail.step';
import type { ClaimedMail } from '../../steps/claimed-mail';
import { ReceiveBounce } from '../../steps/receive-bounce.step';
import { RejectUnreadable } from '../../steps/reject-unreadable.step';
import type { ReceiveEmailCommand, ReceiveOutcome } from './receive-email.command';

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
    private readonly unreadable: RejectUnreadable,
    private readonly bounces: ReceiveBounce,
    private readonly accept: AcceptCustomerMail,
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
      return this.unreadable.execute(scope, command, error.message);
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

  /** Sorted: our own mail coming back, a bounce, a mail the channel cannot take, a person's. */
  private async receive(
    scope: TenantScope,
    command: ReceiveEmailCommand,
    mail: ParsedEmail,
    claimId: string,
  ): Promise<ReceiveOutcome> {
    const { channel } = command;
    // Independent writes and reads run side by side: this is the SMTP dialogue's wait.
    const rawStored = command.rawKey
      ? Promise.resolve(command.rawKey)
      : this.store.putRaw(channel.workspaceId, channel.id, command.raw);
    rawStored.catch(() => undefined);
    const claimed: ClaimedMail = {
      scope,
      command,
      mail,
      claimId,
      rawStored,
      base: async () => ({
        rawKey: await rawStored,
        sender: mail.from!.address,
        subject: mail.subject,
        referenceIds: [...new Set([...mail.references, ...mail.inReplyTo])],
      }),
      ignore: async (reason) => {
        await this.mails.settle(scope, claimId, {
          ...(await claimed.base()),
          state: 'ignored',
          reason,
        });
        this.logger.warn(`mail <${mail.rfcMessageId}> to channel ${channel.id} ignored: ${reason}`);
        return { kind: 'ignored', reason };
      },
    };
    // Our own mail coming back (a customer's forward to us, a CC to the support address).
    if (channel.settings.addresses.includes(mail.from!.address))
      return claimed.ignore("sent from the channel's own address");
    const bounce = bounceReport(mail);
    if (bounce) return this.bounces.execute(scope, channel, bounce, claimId, await claimed.base());
    if (!channel.isActive) return claimed.ignore('the channel is switched off');
    if (!channel.botId) return claimed.ignore('the channel has no bot');
    return this.accept.execute(claimed, channel.botId);
  }
}
