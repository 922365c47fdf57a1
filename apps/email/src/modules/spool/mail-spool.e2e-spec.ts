import { createTransport } from 'nodemailer';
import { Sequelize } from 'sequelize';
import { loadServiceConfig } from '@cxgenie/config';
import { eventually, freePort, spawnService, testEnv } from '@cxgenie/testing';
import { indexedMail, messagesOfChannel, seedEmailChannel } from '../../email.test-helpers';

/**
 * The spool's promise (ADR 0042): a mail answered 250 is never lost, even when the process dies
 * before reading it. The first email process takes mail but reads none (no workers); it is killed
 * outright; the next one, on the same Redis prefix and storage, receives what the first accepted,
 * read in its inbound thread as the service's main runs it.
 */
describe('the mail spool', () => {
  const env = testEnv();
  const QUEUE_PREFIX = env.QUEUE_PREFIX;
  let sequelize: Sequelize;

  beforeAll(() => {
    sequelize = new Sequelize(env.DATABASE_URL, { logging: false });
  });
  afterAll(() => sequelize.close());

  it('receives after a restart a mail accepted with 250 by a process killed before reading it', async () => {
    const config = loadServiceConfig('email', env);
    const channel = await seedEmailChannel(sequelize, config.encryptionKey);
    const smtpPort = await freePort();
    const first = await spawnService('email', {
      SMTP_PORT: String(smtpPort),
      QUEUE_WORKERS: 'false',
      QUEUE_PREFIX,
    });
    let second: Awaited<ReturnType<typeof spawnService>> | null = null;
    try {
      const sent = await createTransport({
        host: '127.0.0.1',
        port: smtpPort,
        secure: false,
        ignoreTLS: true,
      }).sendMail({
        from: 'Dana <dana@example.test>',
        to: channel.address,
        subject: 'Lost parcel',
        text: 'My parcel never arrived.',
        messageId: '<spooled-before-crash@example.test>',
      });
      expect(sent.response).toMatch(/^250 /);
      await first.kill('SIGKILL');
      // Accepted, not read: nothing of it is in the database yet.
      expect(
        await indexedMail(sequelize, channel.channelId, 'spooled-before-crash@example.test'),
      ).toBeNull();

      second = await spawnService('email', { SMTP_PORT: String(await freePort()), QUEUE_PREFIX });
      await eventually(async () => {
        const row = await indexedMail(
          sequelize,
          channel.channelId,
          'spooled-before-crash@example.test',
        );
        expect(row).toMatchObject({ state: 'accepted', conversation_id: expect.any(String) });
      }, 20_000);
      const messages = await messagesOfChannel(sequelize, channel.channelId);
      expect(messages.map((m) => [m.direction, m.text])).toEqual([
        ['inbound', 'My parcel never arrived.'],
      ]);
      // Read by the service's inbound thread (ADR 0047), counted on the service's own /metrics.
      // The thread posts its count after the intake commits: it may arrive a moment later.
      await eventually(async () => {
        const metrics = await (await fetch(`${second!.url}/metrics`)).text();
        expect(metrics).toMatch(/^email_inbound_total\{via="smtp",outcome="accepted"\} 1$/m);
        expect(metrics).toMatch(/^email_inbound_reader_up 1$/m);
        expect(metrics).toMatch(/^email_inbound_reader_restarts_total 0$/m);
      });
    } finally {
      await first.kill('SIGKILL');
      await second?.close();
    }
  });
});
