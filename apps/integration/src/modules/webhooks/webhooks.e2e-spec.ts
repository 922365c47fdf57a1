import Bull from 'bull';
import { QueryTypes, type Sequelize } from 'sequelize';
import { type InboundMessageJobData, QueueNames } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  type BootedService,
  FAKE_TELEGRAM_BOT_TOKEN,
  FAKE_VIBER_AUTH_TOKEN,
  FakeTelegram,
  FakeViber,
  TELEGRAM_CUSTOMER,
  TEST_REDIS_URL,
  bootService,
  eventually,
  signViberBody,
  telegramUpdates,
  viberCallbacks,
  viberJson,
  viberToken,
} from '@cxgenie/testing';
import { integrationService } from '../../integration.service';
import { messagesOfChannel, seedPlatformChannel } from '../../channels.test-helpers';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const VIBER_SIGNATURE = 'x-viber-content-signature';
/** Past the reordering window, with room for a loaded machine. */
const ACCEPTED_WITHIN_MS = 5_000;

describe('platform webhooks', () => {
  let telegram: FakeTelegram;
  let viber: FakeViber;
  let integration: BootedService;
  let sequelize: Sequelize;
  let inbound: Bull.Queue<InboundMessageJobData>;
  let updateId = Math.floor(Date.now() / 1000);
  const nextUpdateId = () => ++updateId;

  beforeAll(async () => {
    [telegram, viber] = await Promise.all([FakeTelegram.start(), FakeViber.start()]);
    integration = await bootService(integrationService, {
      TELEGRAM_API_ROOT: telegram.apiRoot,
      VIBER_API_ROOT: viber.apiRoot,
    });
    sequelize = integration.app.get(TenantConnections).sequelize;
    inbound = new Bull(QueueNames.ConversationInbound, TEST_REDIS_URL, {
      prefix: integration.config.queuePrefix,
    });
  });

  afterAll(async () => {
    await inbound.close();
    await integration.close();
    await Promise.all([telegram.close(), viber.close()]);
  });

  const telegramChannel = (seed: { withBot?: boolean } = {}) =>
    seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type: 'telegram',
      credentials: { botToken: FAKE_TELEGRAM_BOT_TOKEN },
      ...seed,
    });

  const postTelegram = async (
    channelId: string,
    body: unknown,
    secret: string | null,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${integration.url}/webhooks/telegram/${channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret && { [SECRET_HEADER]: secret }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const postViber = async (channelId: string, body: string, signature: string | null) => {
    const res = await fetch(`${integration.url}/webhooks/viber/${channelId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature && { [VIBER_SIGNATURE]: signature }),
      },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const acceptedTexts = async (channelId: string, count: number): Promise<string[]> =>
    eventually(async () => {
      const texts = (await messagesOfChannel(sequelize, channelId)).map((m) => m.text);
      expect(texts).toHaveLength(count);
      return texts;
    }, ACCEPTED_WITHIN_MS);

  it('accepts a Telegram update into a new conversation, as the customer, and queues it for the bot', async () => {
    const channel = await telegramChannel();
    const update = telegramUpdates.text(nextUpdateId(), 'Where is my parcel?');
    const res = await postTelegram(channel.channelId, update, channel.webhookSecret);
    expect(res).toEqual({
      status: 200,
      body: { accepted: 1, duplicates: 0, statuses: 0, ignored: 0 },
    });

    await acceptedTexts(channel.channelId, 1);
    const [message] = await messagesOfChannel(sequelize, channel.channelId);
    expect(message).toMatchObject({
      seq: 1,
      direction: 'inbound',
      platform_message_id: String(update.update_id),
      metadata: { platform: 'telegram', kind: 'message', sentAt: expect.any(String) },
    });
    const [customer] = await sequelize.query<{ name: string; external_id: string; bot_id: string }>(
      `SELECT cu.name, ci.external_id, co.bot_id FROM conversations co
         JOIN customers cu ON cu.id = co.customer_id
         JOIN customer_identities ci ON ci.customer_id = cu.id AND ci.channel_id = co.channel_id
        WHERE co.id = :id`,
      { replacements: { id: message.conversation_id }, type: QueryTypes.SELECT },
    );
    expect(customer).toEqual({
      name: 'Test Firstname Test Lastname',
      external_id: String(TELEGRAM_CUSTOMER.id),
      bot_id: channel.botId,
    });
    const jobs = await inbound.getJobs(['waiting', 'delayed', 'active']);
    expect(jobs.map((j) => j.data)).toContainEqual(
      expect.objectContaining({ workspaceId: channel.workspaceId, messageId: message.id, seq: 1 }),
    );
  });

  it('refuses a missing, wrong or one-character-off secret before reading the body: counted, logged, nothing accepted', async () => {
    const channel = await telegramChannel();
    const update = JSON.stringify(telegramUpdates.text(nextUpdateId(), 'forged'));
    const oneOff = `${channel.webhookSecret.slice(0, -1)}${channel.webhookSecret.endsWith('x') ? 'y' : 'x'}`;
    expect((await postTelegram(channel.channelId, update, null)).status).toBe(401);
    expect((await postTelegram(channel.channelId, update, oneOff)).status).toBe(403);
    expect((await postTelegram(channel.channelId, update, 'whs_someone_else')).status).toBe(403);
    // A malformed body with a bad signature is a signature problem: the body is never read.
    const forgedGarbage = await postTelegram(channel.channelId, '{not json', 'whs_someone_else');
    expect(forgedGarbage).toMatchObject({ status: 403, body: { statusCode: 403 } });

    await integration.logs.waitFor((line) =>
      String(line.msg).includes(`rejected telegram webhook for channel ${channel.channelId} (401)`),
    );
    const metrics = await (await fetch(`${integration.url}/metrics`)).text();
    expect(metrics).toMatch(
      /integration_webhook_rejected_total\{platform="telegram",reason="missing_signature"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /integration_webhook_rejected_total\{platform="telegram",reason="invalid_signature"\} [3-9]/,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(await messagesOfChannel(sequelize, channel.channelId)).toEqual([]);
  });

  it('processes an update Telegram delivers three times once', async () => {
    const channel = await telegramChannel();
    const update = telegramUpdates.text(nextUpdateId(), 'Only once, please');
    const receipts = [];
    for (let i = 0; i < 3; i++)
      receipts.push((await postTelegram(channel.channelId, update, channel.webhookSecret)).body);
    expect(receipts.map((r) => [r['accepted'], r['duplicates']])).toEqual([
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(await acceptedTexts(channel.channelId, 1)).toEqual(['Only once, please']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await messagesOfChannel(sequelize, channel.channelId)).toHaveLength(1);
  });

  it('counts concurrent redeliveries once and refuses a forged one among them, when their stagings share writes', async () => {
    const channel = await telegramChannel();
    const repeated = telegramUpdates.text(nextUpdateId(), 'Sent once, delivered four times');
    const others = Array.from({ length: 4 }, (_, i) =>
      telegramUpdates.text(nextUpdateId(), `other ${i}`),
    );
    // All in flight together: their staging scripts leave in the same auto-pipelined writes.
    const [forged, ...receipts] = await Promise.all([
      postTelegram(channel.channelId, repeated, 'whs_someone_else'),
      ...[repeated, ...others, repeated, repeated, repeated].map((update) =>
        postTelegram(channel.channelId, update, channel.webhookSecret),
      ),
    ]);
    expect(forged).toMatchObject({ status: 403, body: { statusCode: 403 } });
    expect(String(forged.body['message'])).toMatch(/secret/i);
    expect(receipts.every((r) => r.status === 200)).toBe(true);
    const total = (key: string) => receipts.reduce((n, r) => n + Number(r.body[key]), 0);
    expect([total('accepted'), total('duplicates')]).toEqual([5, 3]);
    expect((await acceptedTexts(channel.channelId, 5)).sort()).toEqual(
      ['Sent once, delivered four times', 'other 0', 'other 1', 'other 2', 'other 3'].sort(),
    );
  });

  it('accepts deliveries that arrive out of order in the order the customer sent them', async () => {
    const channel = await telegramChannel();
    const t = Math.floor(Date.now() / 1000);
    const [first, second, third, fourth] = [
      nextUpdateId(),
      nextUpdateId(),
      nextUpdateId(),
      nextUpdateId(),
    ];
    // Arrival order: 3rd, 2nd, 4th, 1st. The 1st and 2nd share a second: update_id decides.
    const deliveries = [
      telegramUpdates.text(third, 'third', { date: t + 1 }),
      telegramUpdates.text(second, 'second', { date: t }),
      telegramUpdates.text(fourth, 'fourth', { date: t + 2 }),
      telegramUpdates.text(first, 'first', { date: t }),
    ];
    for (const update of deliveries) {
      expect((await postTelegram(channel.channelId, update, channel.webhookSecret)).status).toBe(
        200,
      );
    }
    expect(await acceptedTexts(channel.channelId, 4)).toEqual([
      'first',
      'second',
      'third',
      'fourth',
    ]);
    const messages = await messagesOfChannel(sequelize, channel.channelId);
    expect(new Set(messages.map((m) => m.conversation_id)).size).toBe(1);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('accepts the webhook guide’s own example update (no is_bot, no chat type) with 200', async () => {
    const channel = await telegramChannel();
    const person = {
      last_name: 'Test Lastname',
      id: 1111111,
      first_name: 'Test',
      username: 'Test',
    };
    const update = {
      update_id: nextUpdateId(),
      message: { date: 1441645532, chat: person, message_id: 1365, from: person, text: '/start' },
    };
    const res = await postTelegram(channel.channelId, update, channel.webhookSecret);
    expect(res).toEqual({
      status: 200,
      body: { accepted: 1, duplicates: 0, statuses: 0, ignored: 0 },
    });
    expect(await acceptedTexts(channel.channelId, 1)).toEqual(['/start']);
  });

  it('answers malformed JSON and a payload of the wrong shape with 400 and the reason, accepting nothing', async () => {
    const channel = await telegramChannel();
    const malformed = await postTelegram(
      channel.channelId,
      '{"update_id": 5, "message": {',
      channel.webhookSecret,
    );
    expect(malformed.status).toBe(400);
    expect(String(malformed.body['message'])).toMatch(/not valid JSON/);
    const wrongShape = await postTelegram(
      channel.channelId,
      { update_id: 'seven', message: { text: 'hi' } },
      channel.webhookSecret,
    );
    expect(wrongShape).toMatchObject({
      status: 400,
      body: { statusCode: 400, message: expect.stringMatching(/update_id/) },
    });
    const noChat = telegramUpdates.text(nextUpdateId(), 'hi') as {
      message: Record<string, unknown>;
    };
    delete noChat.message['chat'];
    expect(
      (await postTelegram(channel.channelId, noChat, channel.webhookSecret)).body['message'],
    ).toMatch(/message\.chat/);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await messagesOfChannel(sequelize, channel.channelId)).toEqual([]);
  });

  it('answers 404 for an unknown channel, the channel of another platform, and an id that is not one', async () => {
    const channel = await telegramChannel();
    const update = telegramUpdates.text(nextUpdateId(), 'hi');
    expect((await postTelegram('6f1c0000-0000-4000-8000-000000000000', update, 'x')).status).toBe(
      404,
    );
    expect((await postTelegram('not-a-uuid', update, 'x')).status).toBe(404);
    const asViber = await postViber(channel.channelId, JSON.stringify(update), 'x');
    expect(asViber.status).toBe(404);
    expect(
      (
        await fetch(`${integration.url}/webhooks/smoke-signals/${channel.channelId}`, {
          method: 'POST',
          body: '{}',
        })
      ).status,
    ).toBe(404);
  });

  it('drops messages for a channel without a bot, answering 200 with a log line and a metric', async () => {
    const channel = await telegramChannel({ withBot: false });
    const res = await postTelegram(
      channel.channelId,
      telegramUpdates.text(nextUpdateId(), 'anyone?'),
      channel.webhookSecret,
    );
    expect(res).toMatchObject({ status: 200, body: { accepted: 0 } });
    await integration.logs.waitFor((line) =>
      String(line.msg).includes(`channel ${channel.channelId}: channel_without_bot`),
    );
    const metrics = await (await fetch(`${integration.url}/metrics`)).text();
    expect(metrics).toMatch(
      /integration_inbound_dropped_total\{platform="telegram",reason="channel_without_bot"\} [1-9]/,
    );
  });

  describe('Viber', () => {
    const viberChannel = () =>
      seedPlatformChannel(sequelize, integration.config.encryptionKey, {
        type: 'viber',
        credentials: { authToken: FAKE_VIBER_AUTH_TOKEN },
      });

    it('accepts a signed message and refuses one changed byte, another token and a missing signature', async () => {
      const channel = await viberChannel();
      const body = viberJson(viberCallbacks.text(viberToken(Date.now() % 1e6), 'Hi from Viber'));
      const tampered = body.replace('Hi from Viber', 'Hi from Vibes');
      expect(
        (await postViber(channel.channelId, tampered, signViberBody(body, FAKE_VIBER_AUTH_TOKEN)))
          .status,
      ).toBe(403);
      expect(
        (await postViber(channel.channelId, body, signViberBody(body, 'another-auth-token-000')))
          .status,
      ).toBe(403);
      expect((await postViber(channel.channelId, body, null)).status).toBe(401);
      const ok = await postViber(
        channel.channelId,
        body,
        signViberBody(body, FAKE_VIBER_AUTH_TOKEN),
      );
      expect(ok).toMatchObject({ status: 200, body: { accepted: 1 } });
      expect(await acceptedTexts(channel.channelId, 1)).toEqual(['Hi from Viber']);
      const subscribed = viberJson(viberCallbacks.subscribed(viberToken(1)));
      expect(
        (
          await postViber(
            channel.channelId,
            subscribed,
            signViberBody(subscribed, FAKE_VIBER_AUTH_TOKEN),
          )
        ).body,
      ).toMatchObject({ ignored: 1 });
    });

    it('records delivered and seen receipts on our message, found by any part id, never moving back', async () => {
      const channel = await viberChannel();
      const body = viberJson(viberCallbacks.text(viberToken(Date.now() % 1e6), 'question'));
      await postViber(channel.channelId, body, signViberBody(body, FAKE_VIBER_AUTH_TOKEN));
      const [question] = await eventually(async () => {
        const rows = await messagesOfChannel(sequelize, channel.channelId);
        expect(rows).toHaveLength(1);
        return rows;
      }, ACCEPTED_WITHIN_MS);
      const [firstPart, secondPart] = [viberToken(900_001), viberToken(900_002)];
      await sequelize.query(
        `INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, status,
                               platform_message_id, metadata)
         VALUES (:workspaceId, :conversationId, :channelId, 2, 'outbound', 'bot', 'answer', 'sent', :first,
                 CAST(:metadata AS jsonb))`,
        {
          replacements: {
            workspaceId: channel.workspaceId,
            conversationId: question.conversation_id,
            channelId: channel.channelId,
            first: firstPart,
            metadata: JSON.stringify({ platformMessageIds: [firstPart, secondPart] }),
          },
        },
      );
      const send = async (callback: object) => {
        const raw = viberJson(callback);
        return (await postViber(channel.channelId, raw, signViberBody(raw, FAKE_VIBER_AUTH_TOKEN)))
          .body;
      };
      const statusOfAnswer = async () =>
        (await messagesOfChannel(sequelize, channel.channelId)).find(
          (m) => m.direction === 'outbound',
        )!.status;

      expect(await send(viberCallbacks.delivered(secondPart))).toMatchObject({ statuses: 1 });
      expect(await statusOfAnswer()).toBe('delivered');
      await send(viberCallbacks.seen(firstPart));
      expect(await statusOfAnswer()).toBe('read');
      await send(viberCallbacks.delivered(firstPart));
      expect(await statusOfAnswer()).toBe('read');
    });
  });
});
