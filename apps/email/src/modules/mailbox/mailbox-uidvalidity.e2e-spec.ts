import { ImapFlow } from 'imapflow';
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

const MAILBOX: MailboxUser = { user: 'orders@acme.test', password: 'imap-secret' };
const FOLDER = 'Support';
const JANE = { name: 'Jane Doe', address: 'jane@example.test' };

/** Dovecot's own IMAP, driven by imapflow as a mail admin would: delete, recreate, refill. */
async function asAdmin<T>(
  dovecot: DovecotServer,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user: MAILBOX.user, pass: MAILBOX.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

/**
 * A mailbox deleted and recreated gets a new UIDVALIDITY and starts its UIDs again: the poller
 * must neither skip the new mail (its UIDs are below the old high mark) nor receive twice the old
 * mail an admin copied back in.
 */
describe('a polled mailbox recreated (UIDVALIDITY changed)', () => {
  let dovecot: DovecotServer;
  let email: BootedService;
  let sequelize: Sequelize;
  let channel: SeededEmailChannel;

  beforeAll(async () => {
    dovecot = await DovecotServer.start([MAILBOX]);
    await asAdmin(dovecot, (client) => client.mailboxCreate(FOLDER));
    sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
    channel = await seedEmailChannel(
      sequelize,
      loadServiceConfig('email', testEnv()).encryptionKey,
      {
        settings: {
          imap: {
            host: '127.0.0.1',
            port: dovecot.port,
            security: 'none',
            user: MAILBOX.user,
            mailbox: FOLDER,
          },
        },
        credentials: { imapPassword: MAILBOX.password },
      },
    );
    email = await bootService(emailService, {
      // The sync's read is what notices a mailbox recreated under an idle session.
      EMAIL_IMAP_SYNC_INTERVAL_MS: '1000',
      QUEUE_PREFIX: sharedQueuePrefix(),
    });
  });
  afterAll(async () => {
    await sequelize.query('UPDATE channels SET deleted_at = now() WHERE id = :id', {
      replacements: { id: channel.channelId },
    });
    await sequelize.close();
    await email.close();
    await dovecot.close();
  });

  const mailboxState = () =>
    sequelize
      .query<{
        uid_validity: string;
        last_uid: string;
      }>('SELECT uid_validity, last_uid FROM email_mailboxes WHERE channel_id = :id', {
        replacements: { id: channel.channelId },
        type: 'SELECT' as never,
      })
      .then(([row]) => row ?? null);

  it('reads the recreated mailbox from its first UID, skipping nothing and duplicating nothing', async () => {
    await eventually(async () => expect(await mailboxState()).not.toBeNull(), 15_000);
    const before = sampleMail('plain', {
      from: JANE,
      to: MAILBOX.user,
      subject: 'Before',
      body: 'Sent before the mailbox was recreated',
    }).raw;
    const earlier = [1, 2].map(
      (n) =>
        sampleMail('gmail', {
          from: JANE,
          to: MAILBOX.user,
          subject: `Earlier ${n}`,
          body: `Earlier question ${n}`,
        }).raw,
    );
    for (const raw of [before, ...earlier]) await dovecot.append(MAILBOX, raw, FOLDER);
    const old = await eventually(async () => {
      const texts = (await messagesOfChannel(sequelize, channel.channelId)).map((m) => m.text);
      expect(texts).toEqual([
        'Sent before the mailbox was recreated',
        'Earlier question 1',
        'Earlier question 2',
      ]);
      const state = (await mailboxState())!;
      expect(state.last_uid).toBe('3');
      return state;
    }, 15_000);

    // In one admin session, faster than the poller reconnects: the old mail copied back and new
    // mail whose UIDs (1, 2) are below the old high mark (3).
    const { uidValidity, newUid } = await asAdmin(dovecot, async (client) => {
      await client.mailboxDelete(FOLDER);
      await client.mailboxCreate(FOLDER);
      await client.append(FOLDER, before);
      const appended = await client.append(
        FOLDER,
        sampleMail('apple', {
          from: JANE,
          to: MAILBOX.user,
          subject: 'After',
          body: 'Sent after the mailbox was recreated',
        }).raw,
      );
      const status = await client.status(FOLDER, { uidValidity: true });
      return {
        uidValidity: String(status && status.uidValidity),
        newUid: appended && appended.uid,
      };
    });
    expect(uidValidity).not.toBe(old.uid_validity);
    expect(newUid).toBe(2);

    await eventually(async () => {
      expect(await mailboxState()).toEqual({ uid_validity: uidValidity, last_uid: '2' });
    }, 20_000);
    const texts = (await messagesOfChannel(sequelize, channel.channelId)).map((m) => m.text);
    expect(texts).toEqual([
      'Sent before the mailbox was recreated',
      'Earlier question 1',
      'Earlier question 2',
      'Sent after the mailbox was recreated',
    ]);
  });
});
