/**
 * What the email app keeps on a received mail's message (`messages.metadata.email`), read by
 * gateway-api to show agents the mail as it came: who wrote, the subject, the quoted history and
 * signature the bot never saw, and the original HTML (stored; `htmlKey` in the file storage).
 */
export interface EmailMessageMetadata {
  via?: 'smtp' | 'webhook' | 'imap';
  rfcMessageId?: string;
  from?: { address: string; name: string } | null;
  recipients?: string[];
  subject?: string;
  date?: string | null;
  inReplyTo?: string[];
  quoted?: string;
  signature?: string;
  htmlKey?: string | null;
  rawKey?: string;
  textTruncated?: boolean;
  autoReply?: unknown;
  skippedAttachments?: { name: string; sizeBytes: number; reason: string }[];
}

/** The email part of a message as the dashboard shows it. */
export interface EmailMessageView {
  from: { address: string; name: string } | null;
  subject: string;
  quoted: string;
  signature: string;
  /** The original HTML can be fetched (`GET …/messages/:id/email-original`). */
  hasHtml: boolean;
  skippedAttachments: { name: string; sizeBytes: number; reason: string }[];
}
