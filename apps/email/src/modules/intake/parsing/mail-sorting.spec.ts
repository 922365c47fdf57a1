import { autoReplyReason, isForwarded } from './automated-mail';
import { bounceReport, isFailure } from './bounce-report';
import { parseMail } from './parse-mail';
import { splitReply } from './reply-text';

const mail = (headers: string[], body = 'Hello') =>
  parseMail(Buffer.from([...headers, '', body, ''].join('\r\n')));

describe('sorting mail', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'Auto-Submitted: auto-replied'],
    ['Precedence: bulk', 'Precedence: bulk'],
    ['Precedence: list', 'Precedence: list'],
    ['X-Autoreply: yes', 'x-autoreply: yes'],
  ])('recognises %s as automated', async (header, reason) => {
    expect(autoReplyReason(await mail(['From: a@example.test', header]))).toBe(reason);
  });

  it('takes Auto-Submitted: no and ordinary mail for a person', async () => {
    expect(autoReplyReason(await mail(['From: a@example.test', 'Auto-Submitted: no']))).toBeNull();
    expect(autoReplyReason(await mail(['From: a@example.test', 'Subject: Hi']))).toBeNull();
  });

  it.each([
    ['Fwd: Order 12', true],
    ['FW: Order 12', true],
    ['WG: Bestellung', true],
    ['Re: Fwd: Order 12', false],
    ['Re: Order 12', false],
  ])('takes "%s" as forwarded: %s', async (subject, forwarded) => {
    expect(isForwarded(await mail(['From: a@example.test', `Subject: ${subject}`]))).toBe(
      forwarded,
    );
  });

  it("reads a bounce's failure and the Message-ID it is about", async () => {
    const parsed = await parseMail(
      Buffer.from(
        [
          'From: MAILER-DAEMON@mx.example.test',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
          '',
          '--B',
          'Content-Type: text/plain',
          '',
          'Delivery failed.',
          '--B',
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns; mx.example.test',
          '',
          'Final-Recipient: rfc822; gone@example.test',
          'Action: failed',
          'Status: 5.1.1',
          'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
          '',
          '--B',
          'Content-Type: message/rfc822',
          '',
          'From: support@acme.test',
          'Message-ID: <cx.ours@acme.test>',
          '',
          'Our reply',
          '--B--',
          '',
        ].join('\r\n'),
      ),
    );
    const report = bounceReport(parsed)!;
    expect(report).toMatchObject({
      originalMessageIds: ['cx.ours@acme.test'],
      action: 'failed',
      status: '5.1.1',
      recipient: 'gone@example.test',
      diagnostic: '550 5.1.1 user unknown',
    });
    expect(isFailure(report)).toBe(true);
    expect(bounceReport(await mail(['From: jane@example.test']))).toBeNull();
  });

  it('splits what the customer wrote from an Outlook quote and a signature', () => {
    const split = splitReply(
      'Yes please.\n\n-- \nJane\n\n________________________________\nFrom: Acme Support <support@acme.test>\nSent: Monday\nTo: Jane\nSubject: Re: x\n\nShall we refund?',
    );
    expect(split.visible).toBe('Yes please.');
    expect(split.signature).toContain('Jane');
    expect(split.quoted).toContain('Shall we refund?');
  });

  it('reads charsets and makes a Message-ID for mail that has none', async () => {
    const parsed = await parseMail(
      Buffer.from(
        [
          'From: =?ISO-8859-1?Q?J=F6rg?= <jorg@example.test>',
          'Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=',
          'Content-Type: text/plain; charset=iso-8859-1',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          'Sch=F6ne Gr=FC=DFe',
          '',
        ].join('\r\n'),
      ),
    );
    expect(parsed.from).toEqual({ address: 'jorg@example.test', name: 'Jörg' });
    expect(parsed.subject).toBe('Grüße');
    expect(parsed.text.trim()).toBe('Schöne Grüße');
    expect(parsed.rfcMessageId).toMatch(/^[0-9a-f]{40}@no-message-id\.invalid$/);
  });
});
