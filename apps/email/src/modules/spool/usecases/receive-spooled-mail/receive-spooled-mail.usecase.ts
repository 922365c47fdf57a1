import { Injectable, Logger } from '@nestjs/common';
import { StorageObjectNotFoundError } from '@cxgenie/storage';
import { EmailChannelDirectory } from '../../../../core-modules/email-channels/email-channel-directory';
import { MailStore } from '../../../../core-modules/mail-store/mail-store';
import { EmailMetrics } from '../../../../core-modules/metrics/email-metrics';
import {
  type ReceiveOutcome,
  outcomeOf,
} from '../../../intake/usecases/receive-email/receive-email.command';
import { ReceiveEmail } from '../../../intake/usecases/receive-email/receive-email.usecase';
import { KeyedSerialQueue } from '@cxgenie/concurrency';
import type { SpooledMailJob } from '../../spooled-mail-job';

/**
 * The slow half of receiving (ADR 0042): a spooled mail read back from storage and taken down the
 * one path every mail takes (ReceiveEmail). Mail of one sender to one channel is read in the order
 * it was accepted. A failure for now throws (the job is retried); a mail whose channel is gone or
 * whose bytes are gone cannot be received by retrying, so it is logged and left.
 */
@Injectable()
export class ReceiveSpooledMail {
  private readonly logger = new Logger(ReceiveSpooledMail.name);
  private readonly lanes = new KeyedSerialQueue();

  constructor(
    private readonly channels: EmailChannelDirectory,
    private readonly store: MailStore,
    private readonly receive: ReceiveEmail,
    private readonly metrics: EmailMetrics,
  ) {}

  execute(job: SpooledMailJob): Promise<ReceiveOutcome | null> {
    return this.lanes.run(job.orderKey, () => this.receiveNow(job));
  }

  private async receiveNow(job: SpooledMailJob): Promise<ReceiveOutcome | null> {
    const channel = await this.channels.find(job.channelId);
    if (!channel || channel.workspaceId !== job.workspaceId) {
      this.logger.warn(`spooled mail ${job.rawKey} dropped: channel ${job.channelId} is gone`);
      return null;
    }
    let raw: Buffer;
    try {
      raw = await this.store.get(job.rawKey);
    } catch (error) {
      if (!(error instanceof StorageObjectNotFoundError)) throw error;
      this.logger.error(`spooled mail ${job.rawKey} dropped: its bytes are not in storage`);
      return null;
    }
    const outcome = await this.receive.execute({
      channel,
      raw,
      rawKey: job.rawKey,
      via: job.via,
      ...(job.envelopeRecipients && { envelopeRecipients: job.envelopeRecipients }),
    });
    this.metrics.received(job.via, outcomeOf(outcome));
    return outcome;
  }
}
