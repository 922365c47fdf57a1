import Bull from 'bull';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { createTransport } from 'nodemailer';
import type { Sequelize } from 'sequelize';
import { type HandoffRequestJobData, QueueNames, serviceUrlEnvVar } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  PARCEL_KNOWLEDGE,
  SmtpSink,
  type SpawnedService,
  TEST_REDIS_URL,
  addSnippet,
  bootService,
  eventually,
  sharedQueuePrefix,
  spawnService,
} from '@cxgenie/testing';
import { emailService } from './email.service';
import { messagesOfChannel, supportAddress } from './email.test-helpers';
import { sampleMail } from './mail-samples.test-helpers';
import { SmtpReceiver } from './modules/smtp/smtp-receiver';

const CUSTOMER = { name: 'Jane Doe', address: 'jane.doe@example.test' };

interface ChannelBody {
  id: string;
  webhookPath: string;
}

/**
 * The email channel end to end, on real protocols over loopback: nodemailer sends to our SMTP
 * receiver, the conversation pipeline (gateway-api and core-ai, spawned) answers, and our outbound
 * sends the answer by SMTP to a sink that keeps what it got.
 */
describe('email through the whole pipeline', () => {
  let sink: SmtpSink;
  let coreAi: SpawnedService;
  let gateway: SpawnedService;
  let email: BootedService;
  let sequelize: Sequelize;
  let owner: ApiClient;
  let botId: string;
  let handoffs: Bull.Queue<HandoffRequestJobData>;
  let smtpPort: number;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    sink = await SmtpSink.start({ user: 'acme', password: 'relay-secret' });
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    email = await bootService(emailService, { QUEUE_PREFIX });
    gateway = await spawnService('gateway-api', {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    sequelize = email.app.get(TenantConnections).sequelize;
    smtpPort = email.app.get(SmtpReceiver).port;
    handoffs = new Bull(QueueNames.HandoffRequests, TEST_REDIS_URL, { prefix: QUEUE_PREFIX });
    owner = await ApiClient.signUp(gateway.url);
    botId = (
      await owner.post<{ id: string }>('/api/v1/bots', {
        name: 'Mail bot',
        typeReplyUnknown: 'AI_GENERATE',
      })
    ).body.id;
    await addSnippet(owner, coreAi.url, botId, PARCEL_KNOWLEDGE);
    // Three services to start: on a loaded machine that takes longer than one test's timeout.
  }, 180_000);

  afterAll(async () => {
    await handoffs.close();
    await email.close();
    await gateway.close();
    await coreAi.close();
    await sink.close();
  });

  afterEach(() => sink.reset());

  /** An email channel made through the channels API, sending through the sink. */
  const createChannel = async (
    extra: Record<string, unknown> = {},
    credentials: Record<string, string> = {},
  ) => {
    const address = supportAddress();
    const res = await owner.post<ChannelBody>('/api/v1/channels', {
      type: 'email',
      name: 'Support mail',
      botId,
      settings: {
        addresses: [address],
        fromName: 'Acme Support',
        smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'acme' },
        ...extra,
      },
      credentials: { smtpPassword: 'relay-secret', ...credentials },
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, address };
  };

  const customerTransport = () =>
    createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });

  it("answers a customer's mail by mail, in the thread, and threads the customer's reply", async () => {
    const channel = await createChannel();
    const sent = await customerTransport().sendMail({
      from: `${CUSTOMER.name} <${CUSTOMER.address}>`,
      to: `Acme Support <${channel.address}>`,
      subject: 'Where is my parcel?',
      text: 'Hello, where is my parcel? I ordered last week.\n\n-- \nJane',
    });
    expect(sent.accepted).toEqual([channel.address]);
    const customerMessageId = sent.messageId.replace(/^<|>$/g, '');

    const [answer] = await eventually(() => {
      const mails = sink.to(CUSTOMER.address);
      expect(mails).toHaveLength(1);
      return mails;
    }, 30_000);
    const { parsed } = answer;
    expect(answer.user).toBe('acme');
    expect(parsed.from?.value[0]).toEqual({ name: 'Acme Support', address: channel.address });
    expect(parsed.subject).toBe('Re: Where is my parcel?');
    expect(parsed.inReplyTo).toBe(`<${customerMessageId}>`);
    expect(parsed.references).toEqual(`<${customerMessageId}>`);
    expect(parsed.messageId).toMatch(/^<cx\.c[a-z2-7]{34}\.[0-9a-f]{32}@acme\.test>$/);
    expect(parsed.replyTo?.value[0].address).toMatch(
      new RegExp(`^${channel.address.split('@')[0]}\\+c[a-z2-7]{34}@acme\\.test$`),
    );
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.text).toContain('tracking link');
    expect(parsed.html).toContain('tracking link');
    const rows = await eventually(async () => {
      const all = await messagesOfChannel(sequelize, channel.id);
      expect(all.map((m) => [m.direction, m.status])).toEqual([
        ['inbound', 'received'],
        ['outbound', 'sent'],
      ]);
      return all;
    });
    // The bot was asked what the customer wrote, not the signature.
    expect(rows[0].text).toBe('Hello, where is my parcel? I ordered last week.');
    expect(rows[1].platform_message_id).toBe(parsed.messageId!.replace(/^<|>$/g, ''));

    // The customer answers our mail; it joins the conversation and is answered in the thread.
    const reply = await customerTransport().sendMail({
      from: `${CUSTOMER.name} <${CUSTOMER.address}>`,
      to: channel.address,
      subject: 'Re: Where is my parcel?',
      inReplyTo: parsed.messageId,
      references: [sent.messageId, parsed.messageId!],
      text: 'Thanks! How long can tracking take to show the first scan?',
    });
    const second = await eventually(() => {
      const mails = sink.to(CUSTOMER.address);
      expect(mails).toHaveLength(2);
      return mails[1].parsed;
    }, 30_000);
    expect(second.inReplyTo).toBe(reply.messageId);
    expect(second.references).toEqual([sent.messageId, parsed.messageId, reply.messageId]);
    const all = await messagesOfChannel(sequelize, channel.id);
    expect(new Set(all.map((m) => m.conversation_id)).size).toBe(1);
  });

  it('sends what an agent writes from the API by mail, without marking it automatic', async () => {
    const channel = await createChannel();
    await customerTransport().sendMail({
      from: CUSTOMER.address,
      to: channel.address,
      subject: 'Damaged box',
      text: 'My box arrived damaged.',
    });
    await eventually(() => expect(sink.to(CUSTOMER.address)).toHaveLength(1), 30_000);
    const [{ conversation_id: conversationId }] = await messagesOfChannel(sequelize, channel.id);
    const res = await owner.post(`/api/v1/conversations/${conversationId}/messages`, {
      text: 'Sorry about that! We are sending a new one today.',
    });
    expect(res.status).toBe(201);
    const mail = await eventually(() => {
      const mails = sink.to(CUSTOMER.address);
      expect(mails).toHaveLength(2);
      return mails[1].parsed;
    }, 20_000);
    expect(mail.text).toContain('We are sending a new one today.');
    expect(mail.subject).toBe('Re: Damaged box');
    expect(mail.headers.get('auto-submitted')).toBeUndefined();
  });

  it("sends an agent's files as MIME attachments with their name, type and exact bytes", async () => {
    const channel = await createChannel();
    await customerTransport().sendMail({
      from: CUSTOMER.address,
      to: channel.address,
      subject: 'Invoice please',
      text: 'Could you send me the invoice for order 1042?',
    });
    await eventually(() => expect(sink.to(CUSTOMER.address)).toHaveLength(1), 30_000);
    const [{ conversation_id: conversationId }] = await messagesOfChannel(sequelize, channel.id);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(40_000)]);
    const csv = Buffer.from('order;total\n1042;19,90 €\n', 'utf8');
    const form = new FormData();
    form.append('text', 'Here is your invoice, and the order as a table.');
    form.append(
      'files',
      new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }),
      'Rechnung März.pdf',
    );
    form.append('files', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'order-1042.csv');
    const res = await owner.postForm(`/api/v1/conversations/${conversationId}/messages`, form);
    expect(res.status).toBe(201);
    const mail = await eventually(() => {
      const mails = sink.to(CUSTOMER.address);
      expect(mails).toHaveLength(2);
      return mails[1].parsed;
    }, 20_000);
    expect(mail.text).toContain('Here is your invoice');
    expect(mail.subject).toBe('Re: Invoice please');
    const sent = mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      disposition: a.contentDisposition,
      content: a.content,
    }));
    expect(sent).toEqual([
      {
        filename: 'Rechnung März.pdf',
        contentType: 'application/pdf',
        disposition: 'attachment',
        content: pdf,
      },
      {
        filename: 'order-1042.csv',
        contentType: 'text/csv',
        disposition: 'attachment',
        content: csv,
      },
    ]);
  });

  it('signs its mail with the channel DKIM key, and the signature verifies against the DNS record', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const channel = await createChannel(
      { dkim: { domainName: 'acme.test', keySelector: 'cx2026' } },
      { dkimPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    );
    await customerTransport().sendMail({
      from: CUSTOMER.address,
      to: channel.address,
      subject: 'Signed?',
      text: 'Where is my parcel? I ordered last week.',
    });
    const [mail] = await eventually(() => {
      const mails = sink.to(CUSTOMER.address);
      expect(mails).toHaveLength(1);
      return mails;
    }, 30_000);
    // The DNS of acme.test, as a receiving server would ask it: the selector's TXT record.
    const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    const resolver = async (name: string, type: string) => {
      if (type === 'TXT' && name === 'cx2026._domainkey.acme.test') return [[record]];
      throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
    };
    const verified = await dkimVerify(mail.raw, { resolver });
    expect(verified.results).toHaveLength(1);
    expect(verified.results[0]).toMatchObject({
      signingDomain: 'acme.test',
      selector: 'cx2026',
      status: { result: 'pass' },
    });
    // mailauth lists the signed header names as one string ("From: Subject: …").
    const signed = String(verified.results[0].signingHeaders?.keys).split(/:\s*/);
    expect(signed).toEqual(
      expect.arrayContaining(['From', 'Subject', 'Message-ID', 'In-Reply-To']),
    );
    // The same check fails for a body changed on the way: the test can tell a bad signature.
    const raw = mail.raw.toString('latin1');
    const bodyStart = raw.indexOf('\r\n\r\n') + 4;
    const tampered = Buffer.from(
      `${raw.slice(0, bodyStart)}Added on the way.\r\n${raw.slice(bodyStart)}`,
      'latin1',
    );
    const broken = await dkimVerify(tampered, { resolver });
    expect(broken.results[0].status.result).not.toBe('pass');
  });

  it('stores an out-of-office reply and never answers it', async () => {
    const channel = await createChannel();
    const { raw } = sampleMail('plain', {
      from: CUSTOMER,
      to: channel.address,
      subject: 'Automatic reply: Your order',
      body: 'I am out of the office until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
    });
    await customerTransport().sendMail({
      envelope: { from: CUSTOMER.address, to: [channel.address] },
      raw,
    });
    const [stored] = await eventually(async () => {
      const rows = await messagesOfChannel(sequelize, channel.id);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(stored.metadata).toMatchObject({
      automated: true,
      email: { autoReply: 'Auto-Submitted: auto-replied' },
    });
    // Handled by the pipeline (no reply): the conversation's processed sequence moves past it.
    await eventually(async () => {
      const [row] = await sequelize.query<{ processed_inbound_seq: number }>(
        'SELECT processed_inbound_seq FROM conversations WHERE id = :id',
        { replacements: { id: stored.conversation_id }, type: 'SELECT' as never },
      );
      expect(row.processed_inbound_seq).toBe(1);
    }, 20_000);
    expect(sink.to(CUSTOMER.address)).toEqual([]);
    expect((await messagesOfChannel(sequelize, channel.id)).map((m) => m.direction)).toEqual([
      'inbound',
    ]);
  });

  it('fails a sent message when its bounce comes back, and hands the conversation to a human', async () => {
    const channel = await createChannel();
    const customer = 'nobody-here@example.test';
    await customerTransport().sendMail({
      from: customer,
      to: channel.address,
      subject: 'Where is my parcel?',
      text: 'Where is my parcel?',
    });
    const ours = await eventually(() => {
      const mails = sink.to(customer);
      expect(mails).toHaveLength(1);
      return mails[0].parsed.messageId!;
    }, 30_000);
    const boundary = 'dsn-boundary';
    const dsn = [
      'From: MAILER-DAEMON@mx.example.test',
      `To: ${channel.address}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.example.test>',
      'Auto-Submitted: auto-replied',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.test',
      '',
      `Final-Recipient: rfc822; ${customer}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <${customer}>: Recipient address rejected`,
      '',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `From: Acme Support <${channel.address}>`,
      `To: ${customer}`,
      `Message-ID: ${ours}`,
      'Subject: Re: Where is my parcel?',
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await customerTransport().sendMail({
      envelope: { from: '', to: [channel.address] },
      raw: dsn,
    });
    const failed = await eventually(async () => {
      const rows = await messagesOfChannel(sequelize, channel.id);
      const reply = rows.find((m) => m.direction === 'outbound')!;
      expect(reply.status).toBe('failed');
      return reply;
    });
    expect(failed.error).toContain('5.1.1');
    // The bounce is no customer message: nothing new in the conversation, nothing answered.
    expect((await messagesOfChannel(sequelize, channel.id)).length).toBe(2);
    const requests = await handoffs.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(requests.map((job) => job.data)).toContainEqual(
      expect.objectContaining({
        conversationId: failed.conversation_id,
        reason: 'delivery_failed',
        messageId: failed.id,
      }),
    );
  });

  it('retries a reply the server refused for now, and fails one it refuses for good', async () => {
    const channel = await createChannel();
    sink.failNext({ code: 451, message: '4.7.1 Greylisted, try again later' });
    await customerTransport().sendMail({
      from: 'patient@example.test',
      to: channel.address,
      subject: 'Where is my parcel?',
      text: 'Where is my parcel?',
    });
    const delivered = await eventually(() => {
      const mails = sink.to('patient@example.test');
      expect(mails).toHaveLength(1);
      return mails[0];
    }, 30_000);
    expect(delivered.parsed.text).toContain('tracking link');
    const [, reply] = await messagesOfChannel(sequelize, channel.id);
    expect(reply.metadata).toMatchObject({ delivery: { attempts: 2 } });

    sink.failNext({ code: 550, message: '5.7.1 Relaying denied', count: 1 });
    await customerTransport().sendMail({
      from: 'refused@example.test',
      to: channel.address,
      subject: 'Where is my parcel?',
      text: 'Where is my parcel?',
    });
    const failed = await eventually(async () => {
      const rows = await messagesOfChannel(sequelize, channel.id);
      const out = rows.filter((m) => m.direction === 'outbound');
      expect(out.map((m) => m.status)).toEqual(['sent', 'failed']);
      return out[1];
    }, 30_000);
    expect(failed.error).toContain('Relaying denied');
    const requests = await handoffs.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(requests.map((job) => job.data.messageId)).toContain(failed.id);
  });
});
