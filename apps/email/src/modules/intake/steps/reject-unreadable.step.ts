import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { TenantScope } from '@cxgenie/database';
import { MailStore } from '../../../core-modules/mail-store/mail-store';
import { EmailMessagesRepository } from '../../../core-modules/threading/email-messages.repository';
import type {
  ReceiveEmailCommand,
  ReceiveOutcome,
} from '../usecases/receive-email/receive-email.command';

/** Mail that cannot be read is kept raw with the reason, under an id made from its bytes. */
@Injectable()
export class RejectUnreadable {
  private readonly logger = new Logger(RejectUnreadable.name);

  constructor(
    private readonly mails: EmailMessagesRepository,
    private readonly store: MailStore,
  ) {}

  async execute(
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
}
