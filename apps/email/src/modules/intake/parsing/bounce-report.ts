import type { ParsedEmail } from './parse-mail';
import { messageIdsIn } from './parse-mail';

/** What a delivery status notification says about one of our messages. */
export interface BounceReport {
  /** The Message-IDs the report is about (the returned mail's headers), ours among them. */
  originalMessageIds: string[];
  /** `failed` for a bounce; `delayed`, `delivered`… are reports, not failures. */
  action: string;
  status: string | null;
  recipient: string | null;
  /** The receiving server's words, for the agents. */
  diagnostic: string | null;
}

const SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mail\.delivery\.system)@/i;

const field = (text: string, name: string): string | null => {
  const match = new RegExp(`^${name}:\\s*(.+(?:\\n[ \\t]+.+)*)`, 'im').exec(text);
  return match ? match[1].replace(/\s+/g, ' ').trim() : null;
};

/**
 * Reads a bounce: a `multipart/report; report-type=delivery-status` (RFC 3464, what every MTA
 * sends), or a mail from MAILER-DAEMON/postmaster without one (older servers), whose returned
 * headers are searched for the original Message-ID. Null for any other mail.
 */
export function bounceReport(mail: ParsedEmail): BounceReport | null {
  const isReport =
    mail.contentType.value === 'multipart/report' &&
    (mail.contentType.params['report-type'] ?? '').toLowerCase() === 'delivery-status';
  const fromDaemon = mail.from !== null && SENDERS.test(mail.from.address);
  if (!isReport && !fromDaemon) return null;
  // mailparser inlines message/delivery-status into the text; the returned message or its
  // headers arrive as an attachment (message/rfc822 or text/rfc822-headers).
  const returned = mail.attachments
    .filter((a) => /^(message\/rfc822|text\/rfc822-headers|message\/global)/i.test(a.contentType))
    .map((a) => a.content.toString('utf8'))
    .join('\n');
  const returnedHeaders = returned.split(/\r?\n\r?\n/)[0] ?? '';
  const fromHeaders = field(returnedHeaders.replace(/\r\n/g, '\n'), 'Message-ID');
  const originalMessageIds = [
    ...new Set([
      ...messageIdsIn(fromHeaders ?? ''),
      ...mail.inReplyTo,
      ...mail.references,
      // Older servers quote the returned message in the text.
      ...messageIdsIn(field(mail.text, 'Message-ID') ?? ''),
    ]),
  ];
  const report = mail.text;
  const status = field(report, 'Status');
  return {
    originalMessageIds,
    action: (field(report, 'Action') ?? (isReport ? 'unknown' : 'failed')).toLowerCase(),
    status,
    recipient: field(report, 'Final-Recipient')?.replace(/^rfc822;\s*/i, '') ?? null,
    diagnostic: field(report, 'Diagnostic-Code')?.replace(/^smtp;\s*/i, '') ?? null,
  };
}

/** A report that the mail was not delivered and will not be (a permanent failure). */
export const isFailure = (report: BounceReport): boolean =>
  report.action === 'failed' || (report.status?.startsWith('5.') ?? false);
