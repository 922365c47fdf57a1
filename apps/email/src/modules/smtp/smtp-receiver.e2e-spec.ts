import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { createTransport } from 'nodemailer';
import type { Sequelize } from 'sequelize';
import { TenantConnections } from '@cxgenie/database';
import { STORAGE, type FileStorage } from '@cxgenie/storage';
import { type BootedService, bootService, eventually } from '@cxgenie/testing';
import { emailService } from '../../email.service';
import {
  type SeededEmailChannel,
  indexedMail,
  messagesOfChannel,
  seedEmailChannel,
  spoolDrained,
} from '../../email.test-helpers';
import { storageKeyOfUrl } from '../../core-modules/mail-store/mail-store';
import { SmtpReceiver } from './smtp-receiver';

const LIMITS = {
  EMAIL_MAX_MESSAGE_BYTES: String(1024 * 1024),
  EMAIL_MAX_RECIPIENTS: '5',
  EMAIL_MAX_ATTACHMENT_BYTES: String(200 * 1024),
};

/** A one-file zip archive (deflated), as a mail client attaches it. */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content, { level: 9 });
  const nameBytes = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(30 + nameBytes.length + data.length, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/** The receiver's greeting and its EHLO answer, read over a plain socket. */
async function ehlo(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.startsWith('220') && !text.includes('EHLO-SENT')) {
        text += 'EHLO-SENT\n';
        socket.write('EHLO client.example.test\r\n');
      } else if (/\n250 [^\n]*\r\n$/.test(text)) {
        socket.end('QUIT\r\n');
        resolve(text);
      }
    });
    socket.on('error', reject);
  });
}

/**
 * Writes the commands at once (PIPELINING) and collects one final reply per command; the last
 * command's reply ends it, and the connection is dropped.
 */
async function pipelined(port: number, commands: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: string[] = [];
    let buffer = '';
    let greeted = false;
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^\d{3}-/.test(line)) continue;
        if (!greeted) {
          greeted = true;
          socket.write(commands.map((c) => `${c}\r\n`).join(''));
          continue;
        }
        replies.push(line);
        if (replies.length === commands.length) {
          socket.destroy();
          resolve(replies);
        }
      }
    });
    socket.on('error', reject);
  });
}

describe('the SMTP receiver', () => {
  let email: BootedService;
  let sequelize: Sequelize;
  let port: number;
  let acme: SeededEmailChannel;
  let globex: SeededEmailChannel;

  beforeAll(async () => {
    email = await bootService(emailService, LIMITS);
    sequelize = email.app.get(TenantConnections).sequelize;
    port = email.app.get(SmtpReceiver).port;
    acme = await seedEmailChannel(sequelize, email.config.encryptionKey);
    globex = await seedEmailChannel(sequelize, email.config.encryptionKey);
  });
  afterAll(() => email.close());

  const transport = () =>
    createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('the receiver accepted it');
      },
      (error: { responseCode?: number; response?: string; rejectedErrors?: unknown[] }) => error,
    );

  it('announces its size limit and offers no login and no relay', async () => {
    const greeting = await ehlo(port);
    expect(greeting).toMatch(new RegExp(`250[- ]SIZE ${1024 * 1024}\\r\\n`));
    expect(greeting).not.toContain('AUTH');
    expect(greeting).not.toContain('STARTTLS');
  });

  it('refuses an address of no channel at RCPT with 550: it is not an open relay', async () => {
    const error = await refusal(
      transport().sendMail({ from: 'a@example.test', to: 'victim@elsewhere.test', text: 'relay?' }),
    );
    expect(error.responseCode).toBe(550);
    expect(error.response).toContain('5.1.1');
  });

  it("routes by the envelope: a workspace never receives mail for another's channel", async () => {
    const sent = await transport().sendMail({
      envelope: { from: 'jane@example.test', to: [acme.address] },
      from: 'jane@example.test',
      // The headers name Globex; only the envelope decides where mail goes.
      to: globex.address,
      subject: 'For Acme',
      text: 'Hello Acme',
    });
    expect(sent.accepted).toEqual([acme.address]);
    await eventually(async () =>
      expect((await messagesOfChannel(sequelize, acme.channelId)).map((m) => m.text)).toContain(
        'Hello Acme',
      ),
    );
    expect(await messagesOfChannel(sequelize, globex.channelId)).toEqual([]);
  });

  it('gives each workspace its own copy when one mail is for both', async () => {
    await transport().sendMail({
      from: 'both@example.test',
      to: [acme.address, globex.address],
      subject: 'To both',
      text: 'One mail, two companies',
    });
    for (const channel of [acme, globex]) {
      const copy = await eventually(async () => {
        const rows = await messagesOfChannel(sequelize, channel.channelId);
        const found = rows.find((m) => m.text === 'One mail, two companies');
        expect(found).toBeDefined();
        return found;
      });
      const [owner] = await sequelize.query<{ workspace_id: string }>(
        'SELECT workspace_id FROM conversations WHERE id = :id',
        { replacements: { id: copy!.conversation_id }, type: 'SELECT' as never },
      );
      expect(owner.workspace_id).toBe(channel.workspaceId);
    }
  });

  it('takes a plus-addressed recipient as its channel address', async () => {
    const [local, domain] = acme.address.split('@');
    const sent = await transport().sendMail({
      from: 'plus@example.test',
      to: `${local}+orders@${domain}`,
      subject: 'Plus',
      text: 'Sent to a tagged address',
    });
    expect(sent.accepted).toHaveLength(1);
  });

  it('refuses a message over the size limit with 552 and stores nothing of it', async () => {
    const error = await refusal(
      transport().sendMail({
        from: 'big@example.test',
        to: acme.address,
        subject: 'Too big',
        text: 'x'.repeat(1_200_000),
      }),
    );
    expect(error.responseCode).toBe(552);
    const rows = await messagesOfChannel(sequelize, acme.channelId);
    expect(rows.map((m) => m.text)).not.toContain('Too big');
  });

  it('answers 452 past the recipient limit, without looking the rest up, and goes on to DATA for the valid one', async () => {
    const nobodies = Array.from({ length: 9_999 }, (_, i) => `nobody${i}@spam.example.test`);
    // Pipelined, as a bulk sender would: one write, 10,000 RCPT replies.
    const replies = await pipelined(port, [
      'EHLO bulk.example.test',
      'MAIL FROM:<spammer@example.test>',
      `RCPT TO:<${acme.address}>`,
      ...nobodies.map((address) => `RCPT TO:<${address}>`),
      'DATA',
    ]);
    const rcpt = replies.slice(2, 2 + 10_000).map((r) => r.slice(0, 3));
    expect(rcpt[0]).toBe('250');
    expect(rcpt.slice(1, 5)).toEqual(['550', '550', '550', '550']);
    expect(new Set(rcpt.slice(5))).toEqual(new Set(['452']));
    expect(replies[replies.length - 1]).toMatch(/^354/);
  });

  it('refuses an unreadable message with 554, keeps it with the reason, and stays up', async () => {
    const error = await refusal(
      transport().sendMail({
        envelope: { from: 'garbage@example.test', to: [acme.address] },
        raw: Buffer.from('\u0000\u0001 this is not a mail at all \u00ff'),
      }),
    );
    expect(error.responseCode).toBe(554);
    expect(error.response).toContain('names no sender');
    const [row] = await sequelize.query<{ state: string; reason: string; raw_key: string }>(
      `SELECT state, reason, raw_key FROM email_messages WHERE channel_id = :channelId AND state = 'rejected'`,
      { replacements: { channelId: acme.channelId }, type: 'SELECT' as never },
    );
    expect(row).toMatchObject({ state: 'rejected', reason: 'the mail names no sender (From)' });
    expect(await email.app.get<FileStorage>(STORAGE).exists(row.raw_key)).toBe(true);
    expect((await fetch(`${email.url}/health/ready`)).status).toBe(200);
  });

  it('stores a zip bomb as the bytes it is, never unpacked, and lists an attachment over the limit', async () => {
    const bomb = zipOf('invoice.pdf', Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const sent = await transport().sendMail({
      from: 'attacker@example.test',
      to: acme.address,
      subject: 'Invoice',
      text: 'See the attached invoice.',
      attachments: [
        { filename: 'invoice.zip', content: bomb, contentType: 'application/zip' },
        { filename: 'huge.bin', content: Buffer.alloc(300 * 1024, 7) },
      ],
    });
    const messageId = sent.messageId.replace(/^<|>$/g, '');
    await eventually(async () =>
      expect((await indexedMail(sequelize, acme.channelId, messageId))?.state).toBe('accepted'),
    );
    const message = (await messagesOfChannel(sequelize, acme.channelId)).find(
      (m) => m.text === 'See the attached invoice.',
    )!;
    expect(message.attachments).toEqual([
      expect.objectContaining({ type: 'file', name: 'invoice.zip', sizeBytes: bomb.length }),
    ]);
    const stored = await email.app
      .get<FileStorage>(STORAGE)
      .get(storageKeyOfUrl(message.attachments[0].url)!);
    expect(stored.equals(bomb)).toBe(true);
    expect(message.metadata).toMatchObject({
      email: {
        skippedAttachments: [
          { name: 'huge.bin', sizeBytes: 300 * 1024, reason: `larger than ${200 * 1024} bytes` },
        ],
      },
    });
  });

  it('keeps a header injection in the subject and the name on one line', async () => {
    const injected = `=?UTF-8?B?${Buffer.from('Hello\r\nBcc: victim@example.test').toString('base64')}?=`;
    const sent = await transport().sendMail({
      envelope: { from: 'mallory@example.test', to: [acme.address] },
      raw: [
        `From: =?UTF-8?B?${Buffer.from('Mallory\r\nX-Evil: 1').toString('base64')}?= <mallory@example.test>`,
        `To: ${acme.address}`,
        `Subject: ${injected}`,
        'Message-ID: <injection-1@example.test>',
        '',
        'Hi',
        '',
      ].join('\r\n'),
    });
    expect(sent.accepted).toEqual([acme.address]);
    await eventually(async () =>
      expect(
        (await indexedMail(sequelize, acme.channelId, 'injection-1@example.test'))?.state,
      ).toBe('accepted'),
    );
    const [row] = await sequelize.query<{ subject: string; name: string }>(
      `SELECT c.subject, cu.name FROM email_messages e
         JOIN conversations c ON c.id = e.conversation_id JOIN customers cu ON cu.id = c.customer_id
        WHERE e.channel_id = :channelId AND e.rfc_message_id = 'injection-1@example.test'`,
      { replacements: { channelId: acme.channelId }, type: 'SELECT' as never },
    );
    expect(row).toEqual({ subject: 'Hello Bcc: victim@example.test', name: 'Mallory X-Evil: 1' });
  });

  it('gives the bot clean text of an HTML-only mail and keeps the HTML for agents', async () => {
    const html = [
      '<html><head><style>p { color: red }</style>',
      '<script>alert("stolen cookie")</script></head>',
      '<body><p>Hello,</p><p>my <b>order #4471</b> has not arrived &amp; I am worried.</p>',
      '<img src="https://tracker.example.test/pixel.gif" width="1" height="1">',
      '</body></html>',
    ].join('');
    await transport().sendMail({
      envelope: { from: 'html.only@example.test', to: [acme.address] },
      raw: [
        'From: Html Only <html.only@example.test>',
        `To: ${acme.address}`,
        'Subject: Only HTML',
        'Message-ID: <html-only-1@example.test>',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        html,
        '',
      ].join('\r\n'),
    });
    await eventually(async () =>
      expect(
        (await indexedMail(sequelize, acme.channelId, 'html-only-1@example.test'))?.state,
      ).toBe('accepted'),
    );
    const message = (await messagesOfChannel(sequelize, acme.channelId)).find((m) =>
      m.text.includes('order #4471'),
    )!;
    expect(message.text).toMatch(/my order #4471 has not arrived & I am worried\./i);
    expect(message.text).not.toMatch(/<|>|stolen cookie|color: red|pixel\.gif/);
    const { htmlKey } = (message.metadata as { email: { htmlKey: string } }).email;
    const kept = await email.app.get<FileStorage>(STORAGE).get(htmlKey);
    expect(kept.toString('utf8').trimEnd()).toBe(html);
  });

  it('recognises a redelivery by its Message-ID and stores it once', async () => {
    const mail = {
      from: 'twice@example.test',
      to: acme.address,
      subject: 'Twice',
      text: 'Delivered twice by a retrying server',
      messageId: '<twice-1@example.test>',
    };
    await transport().sendMail(mail);
    await transport().sendMail(mail);
    await spoolDrained(email);
    const rows = (await messagesOfChannel(sequelize, acme.channelId)).filter(
      (m) => m.text === 'Delivered twice by a retrying server',
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses mail for a switched-off channel with 550', async () => {
    const off = await seedEmailChannel(sequelize, email.config.encryptionKey, { isActive: false });
    const error = await refusal(
      transport().sendMail({ from: 'a@example.test', to: off.address, text: 'hello?' }),
    );
    expect(error.responseCode).toBe(550);
    expect(error.response).toContain('5.2.1');
  });
});

describe('the SMTP receiver with a certificate', () => {
  let email: BootedService;
  let dir: string;
  let channel: SeededEmailChannel;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxgenie-smtp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    email = await bootService(emailService, {
      SMTP_TLS_KEY_FILE: join(dir, 'key.pem'),
      SMTP_TLS_CERT_FILE: join(dir, 'cert.pem'),
    });
    channel = await seedEmailChannel(
      email.app.get(TenantConnections).sequelize,
      email.config.encryptionKey,
    );
  });
  afterAll(async () => {
    await email.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers STARTTLS and receives over it', async () => {
    const port = email.app.get(SmtpReceiver).port;
    expect(await ehlo(port)).toContain('250-STARTTLS');
    const sent = await createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      requireTLS: true,
      tls: { rejectUnauthorized: false },
    }).sendMail({ from: 'tls@example.test', to: channel.address, subject: 'TLS', text: 'Secret' });
    expect(sent.accepted).toEqual([channel.address]);
  });
});
