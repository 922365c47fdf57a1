import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { QueueNames } from '@cxgenie/contracts';
import type { EmailChannel } from '../../core-modules/email-channels/email-channel';
import { MailStore } from '../../core-modules/mail-store/mail-store';
import type { InboundVia } from '../../core-modules/threading/email-messages.repository';
import type { SpooledMailJob } from './spooled-mail-job';

export interface SpoolRequest {
  channel: EmailChannel;
  raw: Buffer;
  via: InboundVia;
  /** Lowercased sender address (From), for the order key; null when the header names none. */
  sender: string | null;
  envelopeRecipients?: string[];
}

/**
 * The fast half of receiving (ADR 0042): the raw bytes written through the storage port, then a
 * job naming them put on `email.inbound`. Both are durable when this resolves (a file renamed into
 * place; Redis with its append-only file), so a caller may then tell the sender it has the mail:
 * a process that dies before reading it leaves the job for the next one.
 */
@Injectable()
export class MailSpool {
  constructor(
    private readonly store: MailStore,
    @InjectQueue(QueueNames.EmailInbound) private readonly queue: Queue<SpooledMailJob>,
  ) {}

  async spool({ channel, raw, via, sender, envelopeRecipients }: SpoolRequest): Promise<void> {
    const rawKey = await this.store.putRaw(channel.workspaceId, channel.id, raw);
    await this.queue.add({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      rawKey,
      via,
      ...(envelopeRecipients && { envelopeRecipients }),
      orderKey: `${channel.id}:${sender ?? ''}`,
    });
  }
}
