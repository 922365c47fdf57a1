import { createHash } from 'node:crypto';
import { type AddressObject, type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import { textOfHtml } from './html-text';
import { plainSender } from './plain-sender';

export interface MailAddress {
  /** Lowercased. */
  address: string;
  /** One line, control characters removed; empty when the header had none. */
  name: string;
}

/** A received mail as the channel uses it: normalised ids and addresses, safe one-line headers. */
export interface ParsedEmail {
  /** The Message-ID without angle brackets; made from the bytes when the mail had none. */
  rfcMessageId: string;
  inReplyTo: string[];
  /** Oldest first, as the header lists them. */
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress | null;
  /** Every address the mail was for (To, Cc, Delivered-To, X-Original-To), lowercased. */
  recipients: string[];
  /** On one line: a subject we echo back can never smuggle in a header. */
  subject: string;
  /** The text part, or the HTML part turned into text. */
  text: string;
  html: string | null;
  attachments: Attachment[];
  headers: ParsedMail['headers'];
  /** The top-level content type and its parameters (`multipart/report`, report-type …). */
  contentType: { value: string; params: Record<string, string> };
  date: Date | null;
}

/** Nothing usable: not a mail at all, or one with no sender to answer. */
export class UnreadableMailError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableMailError';
  }
}

const MAX_SUBJECT_CHARS = 500;
const MAX_NAME_CHARS = 200;
const MAX_IDS = 100;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** One line, no control characters, collapsed whitespace: safe to echo into a header. */
export const oneLine = (value: string, max: number): string =>
  value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, max);

/** Message-IDs in a header value (`<a@b> <c@d>`, or a bare `a@b`), without angle brackets. */
export function messageIdsIn(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value == null ? [] : [value];
  const ids: string[] = [];
  for (const item of values) {
    const text = String(item);
    const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
    if (bracketed.length > 0) ids.push(...bracketed);
    else if (/^\S+@\S+$/.test(text.trim())) ids.push(text.trim());
  }
  return [...new Set(ids)].slice(-MAX_IDS);
}

const firstAddress = (object: AddressObject | AddressObject[] | undefined): MailAddress | null => {
  const found = addressesIn(object)[0];
  return found ?? null;
};

function addressesIn(object: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = Array.isArray(object) ? object : object ? [object] : [];
  const out: MailAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else if (entry.address && entry.address.includes('@'))
        out.push({
          address: entry.address.trim().toLowerCase(),
          name: oneLine(entry.name ?? '', MAX_NAME_CHARS),
        });
    }
  };
  for (const o of objects) walk(o.value);
  return out;
}

const headerAddresses = (headers: ParsedMail['headers'], name: string): string[] => {
  const value = headers.get(name);
  if (!value) return [];
  if (typeof value === 'object' && 'value' in (value as object))
    return addressesIn(value as AddressObject).map((a) => a.address);
  return String(value)
    .split(/[,\s]+/)
    .map((a) => a.replace(/^<|>$/g, '').trim().toLowerCase())
    .filter((a) => a.includes('@'));
};

/**
 * Parses raw MIME with mailparser: charsets decoded, HTML-only mail turned into text, inline
 * images kept as attachments (not inlined into the HTML as data URLs). A mail without any
 * sender address is unreadable: there is nobody to answer.
 */
export async function parseMail(raw: Buffer): Promise<ParsedEmail> {
  let mail: ParsedMail;
  try {
    // HTML-only mail is turned into text here (textOfHtml), not by mailparser's defaults, which
    // keep every image's address (tracking pixels) in the text the bot reads.
    mail = await simpleParser(raw, {
      skipHtmlToText: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
  } catch (error) {
    throw new UnreadableMailError(`the MIME structure cannot be read: ${(error as Error).message}`);
  }
  const from = firstAddress(mail.from);
  if (!from) throw new UnreadableMailError('the mail names no sender (From)');
  const contentType = mail.headers.get('content-type') as
    | { value: string; params: Record<string, string> }
    | undefined;
  return {
    rfcMessageId:
      messageIdsIn(mail.messageId)[0] ??
      `${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@no-message-id.invalid`,
    inReplyTo: messageIdsIn(mail.inReplyTo),
    references: messageIdsIn(mail.references),
    from,
    replyTo: firstAddress(mail.replyTo),
    recipients: [
      ...new Set([
        ...addressesIn(mail.to).map((a) => a.address),
        ...addressesIn(mail.cc).map((a) => a.address),
        ...headerAddresses(mail.headers, 'delivered-to'),
        ...headerAddresses(mail.headers, 'x-original-to'),
      ]),
    ],
    subject: oneLine(mail.subject ?? '', MAX_SUBJECT_CHARS),
    text: textOf(mail),
    html: typeof mail.html === 'string' ? mail.html : null,
    attachments: mail.attachments,
    headers: mail.headers,
    contentType: {
      value: (contentType?.value ?? 'text/plain').toLowerCase(),
      params: contentType?.params ?? {},
    },
    date: mail.date ?? null,
  };
}

/** The text part, or for a mail without one, its HTML as text. */
function textOf(mail: ParsedMail): string {
  const text = (mail.text ?? '').replace(/\r\n/g, '\n');
  if (text.trim() || typeof mail.html !== 'string') return text;
  return textOfHtml(mail.html);
}

/** A header block larger than this is not a real mail's: only the start is read. */
const MAX_HEADER_BYTES = 256 * 1024;

/**
 * The sender (From) read from the header block alone, without the body: what the SMTP receiver
 * needs before it answers (ADR 0042). Null when the headers name no sender or cannot be read;
 * such a mail goes through the full read at once so the sender is told why it was refused.
 */
export async function senderOfHeaders(raw: Buffer): Promise<string | null> {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf < 0 ? -1 : crlf + 4, lf < 0 ? -1 : lf + 2].filter((end) => end > 0);
  const end = Math.min(ends.length ? Math.min(...ends) : raw.length, MAX_HEADER_BYTES);
  const plain = plainSender(raw.toString('latin1', 0, end));
  if (plain) return plain;
  try {
    const headers = await simpleParser(raw.subarray(0, end), {
      skipHtmlToText: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
    return firstAddress(headers.from)?.address ?? null;
  } catch {
    return null;
  }
}
