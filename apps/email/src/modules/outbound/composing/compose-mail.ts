import type { SendMailOptions } from 'nodemailer';
import type { Attachment } from '@cxgenie/contracts';
import {
  type EmailChannel,
  domainOf,
  senderAddress,
} from '../../../core-modules/email-channels/email-channel';
import type { ThreadHead } from '../../../core-modules/threading/email-messages.repository';
import { withPlusTag } from '../../../core-modules/threading/thread-token';
import { oneLine } from '../../intake/parsing/parse-mail';

/** A message of ours to send, with what its thread and channel say about it. */
export interface MailToCompose {
  channel: EmailChannel;
  messageId: string;
  senderType: 'bot' | 'agent' | 'system';
  text: string;
  recipient: string;
  /** The conversation token (ThreadTokens): in our Message-ID and our Reply-To. */
  token: string;
  /** The customer's latest mail in the conversation, which this one answers. */
  head: ThreadHead | null;
  /** Attachments as stored: `storage:` ones are read from the file storage. */
  attachments: { attachment: Attachment; content: Buffer }[];
}

/** References kept in a reply: the thread's root and its latest ids. */
const MAX_REFERENCES = 20;

/** Our Message-ID for a message: the same on every attempt, so a resend is one mail to clients. */
export const messageIdFor = (channel: EmailChannel, token: string, messageId: string): string =>
  `cx.${token}.${messageId.replace(/-/g, '')}@${domainOf(senderAddress(channel))}`;

const replySubject = (subject: string): string =>
  /^\s*re\s*:/i.test(subject) ? subject : `Re: ${subject}`;

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The plain text as simple HTML: paragraphs, line breaks, and links that can be clicked. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) =>
      escapeHtml(p)
        .replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`)
        .replace(/\n/g, '<br>\n'),
    );
  return `<!doctype html><html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</body></html>`;
}

/**
 * The mail for one of our messages: In-Reply-To and References continuing the customer's thread,
 * our Message-ID and the Reply-To plus-address carrying the conversation token, plain text with an
 * HTML alternative, the attachments, and `Auto-Submitted` on what the bot or the system wrote
 * (RFC 3834: well-behaved auto-responders do not answer it, which keeps loops out). Every header
 * value that came from outside (the subject, names) is one line by construction.
 */
export function composeMail(mail: MailToCompose): {
  options: SendMailOptions;
  /** Our Message-ID, without angle brackets (as the index and the message keep it). */
  rfcMessageId: string;
} {
  const { channel, head } = mail;
  const from = senderAddress(channel);
  const subject = oneLine(head?.subject || 'Your message', 500);
  const references = head ? [...new Set([...head.referenceIds, head.rfcMessageId])] : [];
  const kept =
    references.length > MAX_REFERENCES
      ? [references[0], ...references.slice(-(MAX_REFERENCES - 1))]
      : references;
  const rfcMessageId = messageIdFor(channel, mail.token, mail.messageId);
  const options: SendMailOptions = {
    messageId: `<${rfcMessageId}>`,
    from: { name: oneLine(channel.settings.fromName ?? '', 100), address: from },
    to: mail.recipient,
    replyTo: withPlusTag(from, mail.token),
    subject: replySubject(subject),
    ...(head && {
      inReplyTo: `<${head.rfcMessageId}>`,
      references: kept.map((id) => `<${id}>`).join(' '),
    }),
    text: mail.text,
    html: textToHtml(mail.text),
    attachments: mail.attachments.map(({ attachment, content }) => ({
      filename: oneLine(attachment.name ?? 'attachment', 200),
      content,
      contentType: attachment.mimeType ?? 'application/octet-stream',
    })),
    headers: {
      ...(mail.senderType === 'bot' && { 'Auto-Submitted': 'auto-replied' }),
      ...(mail.senderType === 'system' && { 'Auto-Submitted': 'auto-generated' }),
    },
  };
  return { options, rfcMessageId };
}
