import { randomBytes } from 'node:crypto';

/** What a sample mail is made of; each client lays it out as it does in the wild. */
export interface SampleMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string | null;
  references?: string[];
  /** The text the reply quotes, and who wrote it. */
  quoted?: { text: string; by: string; at: string };
  headers?: Record<string, string>;
}

export type MailClient = 'gmail' | 'outlook' | 'apple' | 'plain';

const id = (domain: string) => `${randomBytes(10).toString('hex')}@${domain}`;
const bracket = (value: string) => `<${value}>`;
const crlf = (lines: string[]) => lines.join('\r\n');

const threading = (mail: SampleMail): string[] => [
  ...(mail.inReplyTo ? [`In-Reply-To: ${bracket(mail.inReplyTo)}`] : []),
  ...(mail.references?.length ? [`References: ${mail.references.map(bracket).join(' ')}`] : []),
];
const extra = (mail: SampleMail) =>
  Object.entries(mail.headers ?? {}).map(([name, value]) => `${name}: ${value}`);

/**
 * A reply as Gmail sends it: multipart/alternative, the quote after "On … wrote:" (`>` in the
 * text part, a gmail_quote blockquote in the HTML), a CAF… Message-ID at mail.gmail.com.
 */
function gmail(mail: SampleMail, messageId: string): string {
  const boundary = `000000000000${randomBytes(6).toString('hex')}`;
  const quote = mail.quoted
    ? `\r\n\r\nOn ${mail.quoted.at} ${mail.quoted.by} wrote:\r\n\r\n${mail.quoted.text
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\r\n')}\r\n>\r\n`
    : '\r\n';
  const htmlQuote = mail.quoted
    ? `<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On ${mail.quoted.at} ${mail.quoted.by.replace('<', '&lt;').replace('>', '&gt;')} wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${mail.quoted.text}</blockquote></div>`
    : '';
  return crlf([
    'MIME-Version: 1.0',
    'Date: Tue, 1 Dec 2026 10:15:02 +0100',
    `Message-ID: ${bracket(messageId)}`,
    ...threading(mail),
    `Subject: ${mail.subject}`,
    `From: ${mail.from.name} <${mail.from.address}>`,
    `To: ${mail.to}`,
    ...extra(mail),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    `${mail.body}${quote}`,
    `--${boundary}`,
    'Content-Type: text/html; charset="UTF-8"',
    '',
    `<div dir="ltr">${mail.body.replace(/\n/g, '<br>')}</div>${htmlQuote}`,
    '',
    `--${boundary}--`,
    '',
  ]);
}

/**
 * A reply as Outlook sends it: "RE:", Thread-Topic and Thread-Index, quoted-printable latin-1
 * text, and the quote under a rule and a From/Sent/To/Subject block, not with `>`.
 */
function outlook(mail: SampleMail, messageId: string): string {
  const quote = mail.quoted
    ? `\r\n\r\n________________________________\r\nFrom: ${mail.quoted.by}\r\nSent: ${mail.quoted.at}\r\nTo: ${mail.from.name} <${mail.from.address}>\r\nSubject: ${mail.subject.replace(/^RE: /, 'Re: ')}\r\n\r\n${mail.quoted.text}\r\n`
    : '\r\n';
  // Samples are ASCII without "=", so the quoted-printable body is the text itself.
  const text = `${mail.body}${quote}`;
  return crlf([
    `From: ${mail.from.name} <${mail.from.address}>`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Thread-Topic: ${mail.subject.replace(/^RE: /i, '')}`,
    'Thread-Index: AQHZ1a2b3c4d5e6f7g8h9i0jAAAAAA==',
    'Date: Tue, 1 Dec 2026 09:20:11 +0000',
    `Message-ID: ${bracket(messageId)}`,
    ...threading(mail),
    'Accept-Language: en-GB, en-US',
    'Content-Language: en-GB',
    'X-MS-Has-Attach:',
    'X-MS-TNEF-Correlator:',
    ...extra(mail),
    'Content-Type: text/plain; charset="iso-8859-1"',
    'Content-Transfer-Encoding: quoted-printable',
    'MIME-Version: 1.0',
    '',
    text,
  ]);
}

/** A reply as Apple Mail sends it: the quote as "> On …, … wrote:", a UUID Message-Id. */
function apple(mail: SampleMail, messageId: string): string {
  const quote = mail.quoted
    ? `\r\n\r\n> On ${mail.quoted.at}, ${mail.quoted.by} wrote:\r\n>=20\r\n${mail.quoted.text
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\r\n')}\r\n`
    : '\r\n';
  return crlf([
    `From: ${mail.from.name} <${mail.from.address}>`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    'Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))',
    `Subject: ${mail.subject}`,
    'Date: Tue, 1 Dec 2026 11:02:33 +0100',
    ...(mail.references?.length ? [`References: ${mail.references.map(bracket).join(' ')}`] : []),
    `To: ${mail.to}`,
    ...(mail.inReplyTo ? [`In-Reply-To: ${bracket(mail.inReplyTo)}`] : []),
    `Message-Id: ${bracket(messageId)}`,
    'X-Mailer: Apple Mail (2.3774.600.62)',
    ...extra(mail),
    '',
    `${mail.body}${quote}`,
  ]);
}

function plain(mail: SampleMail, messageId: string): string {
  return crlf([
    `From: ${mail.from.name} <${mail.from.address}>`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    `Message-ID: ${bracket(messageId)}`,
    ...threading(mail),
    ...extra(mail),
    'Date: Tue, 1 Dec 2026 12:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    mail.body,
    '',
  ]);
}

const DOMAINS: Record<MailClient, string> = {
  gmail: 'mail.gmail.com',
  outlook: 'AM0PR07MB1234.eurprd07.prod.outlook.com',
  apple: 'icloud.com',
  plain: 'example.test',
};

/** The raw MIME of `mail` as `client` would send it, and its Message-ID. */
export function sampleMail(
  client: MailClient,
  mail: SampleMail,
): { raw: Buffer; messageId: string } {
  const messageId =
    mail.messageId ??
    (client === 'apple'
      ? `${randomBytes(16).toString('hex').toUpperCase()}@${DOMAINS.apple}`
      : id(DOMAINS[client]));
  const build = { gmail, outlook, apple, plain }[client];
  return { raw: Buffer.from(build(mail, messageId), 'utf8'), messageId };
}
