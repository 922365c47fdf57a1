import { Sequelize } from 'sequelize';
import { loadServiceConfig } from '@cxgenie/config';
import {
  type BootedService,
  DovecotServer,
  type MailboxUser,
  TEST_DATABASE_URL,
  bootService,
  eventually,
  sharedQueuePrefix,
  testEnv,
} from '@cxgenie/testing';
import { emailService } from '../../email.service';
import {
  type SeededEmailChannel,
  messagesOfChannel,
  seedEmailChannel,
} from '../../email.test-helpers';
import { sampleMail } from '../../mail-samples.test-helpers';

const MAILBOX: MailboxUser = { user: 'support@acme.test', password: 'imap-secret' };
const JANE = { name: 'Jane Doe', address: 'jane@example.test' };

/** Reading a business's own mailbox: a real IMAP server (Dovecot) and the real imapflow client. */
describe('mailboxes polled over IMAP', () => {
  let dovecot: DovecotServer;
  let email: BootedService;
  let sequelize: Sequelize;
  let channel: SeededEmailChannel;
  const queuePrefix = sharedQueuePrefix();

  // Synced at boot, then not for a minute: new mail must come through IDLE.
  const boot = () =>
    bootService(emailService, { EMAIL_IMAP_SYNC_INTERVAL_MS: '60000', QUEUE_PREFIX: queuePrefix });

  beforeAll(async () => {
    dovecot = await DovecotServer.start([MAILBOX]);
    sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
    // Mail already in the mailbox when the channel is connected is not the channel's to answer.
    await dovecot.append(
      MAILBOX,
      sampleMail('plain', { from: JANE, to: MAILBOX.user, subject: 'Old', body: 'Old mail' }).raw,
    );
    channel = await seedEmailChannel(
      sequelize,
      loadServiceConfig('email', testEnv()).encryptionKey,
      {
        settings: {
          imap: { host: '127.0.0.1', port: dovecot.port, security: 'none', user: MAILBOX.user },
        },
        credentials: { imapPassword: MAILBOX.password },
      },
    );
    email = await boot();
  });
  afterAll(async () => {
    // Its mailbox is gone with this suite: later runs sharing the database must not poll it.
    await sequelize.query('UPDATE channels SET deleted_at = now() WHERE id = :id', {
      replacements: { id: channel.channelId },
    });
    await sequelize.close();
    await email.close();
    await dovecot.close();
  });

  const mailboxState = () =>
    sequelize
      .query<{ last_uid: string }>('SELECT last_uid FROM email_mailboxes WHERE channel_id = :id', {
        replacements: { id: channel.channelId },
        type: 'SELECT' as never,
      })
      .then(([row]) => (row ? Number(row.last_uid) : null));

  it('reads new mail as it arrives (IDLE), in order, and records how far it read', async () => {
    await eventually(async () => expect(await mailboxState()).toBe(1), 15_000);
    const uids: number[] = [];
    for (const subject of ['First question', 'Second question']) {
      uids.push(
        await dovecot.append(
          MAILBOX,
          sampleMail('apple', { from: JANE, to: MAILBOX.user, subject, body: subject }).raw,
        ),
      );
    }
    const rows = await eventually(async () => {
      const all = await messagesOfChannel(sequelize, channel.channelId);
      expect(all.map((m) => m.text)).toEqual(['First question', 'Second question']);
      return all;
    }, 15_000);
    expect(rows[0].metadata).toMatchObject({ email: { via: 'imap' } });
    await eventually(async () => expect(await mailboxState()).toBe(uids[1]));
  });

  it('reads nothing twice after a restart, and what arrived while it was down once', async () => {
    await email.close();
    const uid = await dovecot.append(
      MAILBOX,
      sampleMail('gmail', {
        from: JANE,
        to: MAILBOX.user,
        subject: 'While down',
        body: 'Sent while you were down',
      }).raw,
    );
    email = await boot();
    await eventually(async () => expect(await mailboxState()).toBe(uid), 15_000);
    const texts = (await messagesOfChannel(sequelize, channel.channelId)).map((m) => m.text);
    expect(texts).toEqual(['First question', 'Second question', 'Sent while you were down']);
  });
});
