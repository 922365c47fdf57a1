import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import type { EmailChannel } from '../../../core-modules/email-channels/email-channel';
import { composeMail, textToHtml } from './compose-mail';

const channel: EmailChannel = {
  id: '7d1c2b4e-0000-4000-8000-000000000001',
  workspaceId: '7d1c2b4e-0000-4000-8000-000000000002',
  botId: null,
  isActive: true,
  settings: { addresses: ['support@acme.test'], fromName: 'Acme Support' },
  credentials: {},
  webhookSecret: null,
};
const token = `c${'b'.repeat(34)}`;

/** What nodemailer makes of the options, as a receiving server reads it. */
const render = async (options: Parameters<ReturnType<typeof createTransport>['sendMail']>[0]) => {
  const info = await createTransport({ streamTransport: true, buffer: true }).sendMail(options);
  const raw = info.message as Buffer;
  return { raw: raw.toString('utf8'), parsed: await simpleParser(raw) };
};

describe('composing a reply', () => {
  it('continues the thread, carries the token, and marks what the bot wrote', async () => {
    const { options, rfcMessageId } = composeMail({
      channel,
      messageId: '11111111-2222-4333-8444-555555555555',
      senderType: 'bot',
      text: 'Your parcel left today.\n\nTrack it at https://track.example.test/1',
      recipient: 'jane@example.test',
      token,
      head: {
        rfcMessageId: 'second@gmail.com',
        referenceIds: ['first@gmail.com', `cx.${token}.aa@acme.test`],
        subject: 'Where is my parcel?',
        customerId: null,
      },
      attachments: [],
    });
    expect(rfcMessageId).toBe(`cx.${token}.11111111222243338444555555555555@acme.test`);
    const { parsed } = await render(options);
    expect(parsed.subject).toBe('Re: Where is my parcel?');
    expect(parsed.inReplyTo).toBe('<second@gmail.com>');
    expect(parsed.references).toEqual([
      '<first@gmail.com>',
      `<cx.${token}.aa@acme.test>`,
      '<second@gmail.com>',
    ]);
    expect(parsed.replyTo?.value[0].address).toBe(`support+${token}@acme.test`);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.html).toContain('<a href="https://track.example.test/1">');
  });

  it('never lets a subject or a name it echoes add a header', async () => {
    const { options } = composeMail({
      channel: {
        ...channel,
        settings: { ...channel.settings, fromName: 'Acme\r\nBcc: x@evil.test' },
      },
      messageId: '11111111-2222-4333-8444-555555555556',
      senderType: 'agent',
      text: 'Hello',
      recipient: 'jane@example.test',
      token,
      head: {
        rfcMessageId: 'm@x',
        referenceIds: [],
        subject: 'Hi\r\nBcc: victim@example.test\r\nX-Evil: 1',
        customerId: null,
      },
      attachments: [],
    });
    const { raw, parsed } = await render(options);
    const headerBlock = raw.split('\r\n\r\n')[0];
    expect(headerBlock).not.toMatch(/^(Bcc|X-Evil):/im);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Re: Hi Bcc: victim@example.test X-Evil: 1');
    expect(parsed.headers.get('auto-submitted')).toBeUndefined();
  });

  it('escapes what it turns into HTML', () => {
    expect(textToHtml('a <b> & "c"\nnext\n\npara')).toContain(
      '<p>a &lt;b&gt; &amp; &quot;c&quot;<br>\nnext</p>\n<p>para</p>',
    );
  });
});
