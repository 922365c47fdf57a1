import type { TracedJobData } from '@cxgenie/contracts';
import type { InboundVia } from '../../core-modules/threading/email-messages.repository';

/**
 * An `email.inbound` job: one accepted mail for one channel, its bytes already in storage. Only
 * the email app queues and drains it, so its shape lives here, not in libs/contracts.
 */
export interface SpooledMailJob extends Partial<TracedJobData> {
  workspaceId: string;
  channelId: string;
  /** The raw MIME in the storage port (MailStore.putRaw). */
  rawKey: string;
  via: InboundVia;
  /** The SMTP envelope's recipients on this channel, +tags included. */
  envelopeRecipients?: string[];
  /** Mail with the same key is read in the order it was accepted (the channel and the sender). */
  orderKey: string;
}
