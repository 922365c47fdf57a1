import { createTransport } from 'nodemailer';
import { QueryTypes } from 'sequelize';
import { TenantConnections, TenantRelocator } from '@cxgenie/database';
import { type BootedService, bootService, eventually } from '@cxgenie/testing';
import { emailService } from '../../email.service';
import { type SeededEmailChannel, seedEmailChannel } from '../../email.test-helpers';
import { SmtpReceiver } from './smtp-receiver';

/** A workspace in a database of its own receives by SMTP like a shared one (ADR 0005). */
describe('SMTP mail for a workspace with a dedicated database', () => {
  let email: BootedService;
  let tenants: TenantConnections;
  let relocator: TenantRelocator;
  let channel: SeededEmailChannel;

  beforeAll(async () => {
    email = await bootService(emailService);
    tenants = email.app.get(TenantConnections);
    relocator = new TenantRelocator(tenants.sequelize, email.config.database.url);
    channel = await seedEmailChannel(tenants.sequelize, email.config.encryptionKey);
    await relocator.moveToDedicated(channel.workspaceId);
    tenants.invalidate(channel.workspaceId);
  }, 60_000);

  afterAll(async () => {
    await relocator.moveToShared(channel.workspaceId).catch(() => undefined);
    await email.close();
  }, 60_000);

  it('routes the recipient to the channel in the dedicated database and stores the mail there', async () => {
    const scope = await tenants.scope(channel.workspaceId);
    expect(scope.mode).toBe('dedicated');
    const sent = await createTransport({
      host: '127.0.0.1',
      port: email.app.get(SmtpReceiver).port,
      secure: false,
      ignoreTLS: true,
    }).sendMail({
      from: 'dana@example.test',
      to: channel.address,
      subject: 'Dedicated',
      text: 'Mail for a workspace of its own',
    });
    expect(sent.accepted).toEqual([channel.address]);
    const countIn = async (sequelize: typeof scope.sequelize) => {
      const [row] = await sequelize.query<{ n: string }>(
        `SELECT count(*) AS n FROM messages WHERE channel_id = :channelId AND text = 'Mail for a workspace of its own'`,
        { replacements: { channelId: channel.channelId }, type: QueryTypes.SELECT },
      );
      return Number(row.n);
    };
    await eventually(async () => expect(await countIn(scope.sequelize)).toBe(1), 15_000);
    expect(await countIn(tenants.sequelize)).toBe(0);
  });

  it('still refuses an address no database has', async () => {
    const error = await createTransport({
      host: '127.0.0.1',
      port: email.app.get(SmtpReceiver).port,
      secure: false,
      ignoreTLS: true,
    })
      .sendMail({ from: 'dana@example.test', to: 'nobody@acme.test', text: 'hello?' })
      .then(
        () => null,
        (e: { responseCode?: number }) => e,
      );
    expect(error?.responseCode).toBe(550);
  });
});
