import type { Sequelize } from 'sequelize';
import { TenantConnections } from '@cxgenie/database';
import { type BootedService, bootService } from '@cxgenie/testing';
import { emailService } from '../../email.service';
import {
  type SeededEmailChannel,
  messagesOfChannel,
  seedEmailChannel,
} from '../../email.test-helpers';
import { sampleMail } from '../../mail-samples.test-helpers';

const JANE = { name: 'Jane Doe', address: 'jane@example.test' };

describe('the inbound email webhook', () => {
  let email: BootedService;
  let sequelize: Sequelize;
  let channel: SeededEmailChannel;

  beforeAll(async () => {
    email = await bootService(emailService, { EMAIL_MAX_MESSAGE_BYTES: String(256 * 1024) });
    sequelize = email.app.get(TenantConnections).sequelize;
    channel = await seedEmailChannel(sequelize, email.config.encryptionKey);
  });
  afterAll(() => email.close());

  const url = (id = channel.channelId) => `${email.url}/webhooks/email/${id}`;
  const mail = (subject: string, body = `About ${subject}`) =>
    sampleMail('gmail', { from: JANE, to: channel.address, subject, body });
  const post = (body: Buffer | string | FormData, headers: Record<string, string>, id?: string) =>
    fetch(url(id), { method: 'POST', body, headers });
  const bearer = (secret = channel.webhookSecret) => ({ authorization: `Bearer ${secret}` });

  it('receives raw MIME authenticated by the channel secret, once', async () => {
    const { raw, messageId } = mail('Raw MIME');
    const first = await post(raw, { ...bearer(), 'content-type': 'message/rfc822' });
    expect(first.status).toBe(200);
    const receipt = (await first.json()) as { outcome: string; conversationId: string };
    expect(receipt).toMatchObject({ outcome: 'accepted', conversationId: expect.any(String) });
    const again = await post(raw, { ...bearer(), 'content-type': 'message/rfc822' });
    expect(await again.json()).toEqual({ outcome: 'duplicate' });
    const rows = await messagesOfChannel(sequelize, channel.channelId);
    expect(rows.filter((m) => m.platform_message_id === messageId)).toHaveLength(1);
    expect(rows.find((m) => m.platform_message_id === messageId)?.metadata).toMatchObject({
      email: { via: 'webhook', subject: 'Raw MIME' },
    });
  });

  it('takes the form an inbound-parse service posts, with the secret as basic-auth password', async () => {
    const { raw } = mail('Form post');
    const form = new FormData();
    form.set('to', channel.address);
    form.set('email', raw.toString('utf8'));
    const res = await post(form, {
      authorization: `Basic ${Buffer.from(`cxgenie:${channel.webhookSecret}`).toString('base64')}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'accepted' });
  });

  it.each([
    ['no secret', {}, 401, 'UNAUTHENTICATED'],
    ['a wrong secret', { authorization: 'Bearer whs_wrong' }, 403, 'BAD_SECRET'],
  ])('refuses a call with %s before reading the body', async (_label, headers, status, code) => {
    const res = await post('not even mime', headers as Record<string, string>);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code });
  });

  it('answers 404 for an unknown or malformed channel id', async () => {
    for (const id of ['0a1b2c3d-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await post('x', bearer(), id);
      expect(res.status).toBe(404);
    }
  });

  it('names the field when there is no message, and refuses one over the limit', async () => {
    const empty = await post(new FormData(), bearer());
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({
      code: 'NO_MESSAGE',
      details: [{ field: 'body', message: 'must hold a raw MIME message' }],
    });
    const big = await post(mail('Big', 'x'.repeat(300 * 1024)).raw, {
      ...bearer(),
      'content-type': 'message/rfc822',
    });
    expect(big.status).toBe(413);
  });

  it('refuses an unreadable message with 422 and the reason', async () => {
    const res = await post('no headers, no sender', { ...bearer(), 'content-type': 'text/plain' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'UNREADABLE',
      details: [{ field: 'body', message: 'the mail names no sender (From)' }],
    });
  });
});
