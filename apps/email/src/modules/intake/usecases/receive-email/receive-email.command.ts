import type { InboundVia } from '../../../../core-modules/threading/email-messages.repository';
import type { EmailChannel } from '../../../../core-modules/email-channels/email-channel';

/** One mail for one channel, however it came in. */
export interface ReceiveEmailCommand {
  channel: EmailChannel;
  raw: Buffer;
  /** Where the raw bytes are stored already (a spooled mail): not written again. */
  rawKey?: string;
  via: InboundVia;
  /** The SMTP envelope's recipients on this channel, +tags included (none for other ways in). */
  envelopeRecipients?: string[];
}

/** What became of the mail. Every outcome is final: the sender need not deliver it again. */
export type ReceiveOutcome =
  | {
      kind: 'accepted';
      conversationId: string;
      messageId: string;
      conversationCreated: boolean;
      /** An auto-reply: stored and shown, never answered. */
      automated: boolean;
    }
  /** Received before (same Message-ID on the channel). */
  | { kind: 'duplicate' }
  /** A delivery report; `failedMessageId` is our message it failed, when it names one of ours. */
  | { kind: 'bounce'; failedMessageId: string | null }
  /** Kept (raw) but not a customer message: a loop, a channel that takes no mail now. */
  | { kind: 'ignored'; reason: string }
  /** Unusable (kept raw, with the reason): malformed, too large. */
  | { kind: 'rejected'; reason: string };

/** What became of a mail, in a word (metrics, webhook receipts). */
export const outcomeOf = (
  outcome: ReceiveOutcome,
): 'accepted' | 'auto_reply' | 'duplicate' | 'bounce' | 'ignored' | 'rejected' =>
  outcome.kind === 'accepted' ? (outcome.automated ? 'auto_reply' : 'accepted') : outcome.kind;
