import {
  type ChannelContext,
  PermanentDeliveryError,
  type RawWebhookRequest,
  RetryableDeliveryError,
  WebhookPayloadError,
} from '@cxgenie/contracts';
import {
  FAKE_TELEGRAM_BOT_TOKEN,
  FakeTelegram,
  TELEGRAM_CUSTOMER,
  telegramUpdates,
} from '@cxgenie/testing';
import {
  TELEGRAM_MAX_TEXT_LENGTH,
  TELEGRAM_SECRET_HEADER,
  TelegramAdapter,
} from './telegram.adapter';

const SECRET = 'whs_telegram-secret_0123456789';

const channel: ChannelContext = {
  channelId: 'c1a1b2c3-0000-4000-8000-000000000001',
  workspaceId: 'w1',
  botId: 'b1',
  settings: {},
  credentials: { botToken: FAKE_TELEGRAM_BOT_TOKEN },
  webhookSecret: SECRET,
};

const webhook = (
  body: unknown,
  headers: RawWebhookRequest['headers'] = { [TELEGRAM_SECRET_HEADER]: SECRET },
): RawWebhookRequest => ({
  method: 'POST',
  headers,
  query: {},
  rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

const outbound = (text: string, deliveredParts?: number) => ({
  messageId: 'm1',
  conversationId: 'conv1',
  externalCustomerId: String(TELEGRAM_CUSTOMER.id),
  text,
  attachments: [],
  lastCustomerMessageAt: null,
  ...(deliveredParts !== undefined && { deliveredParts }),
});

describe('TelegramAdapter', () => {
  let telegram: FakeTelegram;
  let adapter: TelegramAdapter;

  beforeAll(async () => {
    telegram = await FakeTelegram.start();
    adapter = new TelegramAdapter({ apiRoot: telegram.apiRoot });
  });
  afterEach(() => telegram.reset());
  afterAll(() => telegram.close());

  describe('verify', () => {
    const update = telegramUpdates.text(10_000, 'hi');

    it("accepts the channel's secret token", () => {
      expect(adapter.verify(webhook(update), channel)).toEqual({ ok: true });
    });

    it('rejects a missing header (401), one changed character and a wrong secret (403)', () => {
      expect(adapter.verify(webhook(update, {}), channel)).toMatchObject({
        ok: false,
        status: 401,
      });
      const oneByteOff = `${SECRET.slice(0, -1)}${SECRET.endsWith('9') ? '8' : '9'}`;
      expect(
        adapter.verify(webhook(update, { [TELEGRAM_SECRET_HEADER]: oneByteOff }), channel),
      ).toMatchObject({ ok: false, status: 403 });
      expect(
        adapter.verify(webhook(update, { [TELEGRAM_SECRET_HEADER]: 'whs_other' }), channel),
      ).toMatchObject({ ok: false, status: 403 });
      expect(adapter.verify(webhook(update), { ...channel, webhookSecret: null })).toMatchObject({
        ok: false,
        status: 403,
      });
    });
  });

  describe('parse', () => {
    it('normalizes a text message: update_id as the id and tie-breaker, chat id as the customer', () => {
      const parsed = adapter.parse(
        webhook(telegramUpdates.text(10_001, 'Where is my parcel?', { date: 1441645532 })),
        channel,
      );
      expect(parsed).toEqual({
        messages: [
          {
            platform: 'telegram',
            channelId: channel.channelId,
            platformMessageId: '10001',
            externalCustomerId: String(TELEGRAM_CUSTOMER.id),
            customerName: 'Test Firstname Test Lastname',
            text: 'Where is my parcel?',
            attachments: [],
            sentAt: '2015-09-07T17:05:32.000Z',
            kind: 'message',
            sequenceHint: 10001,
          },
        ],
        statuses: [],
        ignored: 0,
      });
    });

    it('marks /start as a command and an edit as edited, stamped with the edit time', () => {
      const [command] = adapter.parse(webhook(telegramUpdates.command(10_002)), channel).messages;
      expect(command).toMatchObject({ kind: 'command', text: '/start' });
      const [edited] = adapter.parse(
        webhook(
          telegramUpdates.edited(10_003, 'fixed typo', { date: 1700000000, editDate: 1700000060 }),
        ),
        channel,
      ).messages;
      expect(edited).toMatchObject({
        kind: 'edited',
        text: 'fixed typo',
        sentAt: new Date(1700000060_000).toISOString(),
      });
    });

    it('keeps the largest photo and a document as attachments with their file ids', () => {
      const [photo] = adapter.parse(
        webhook(telegramUpdates.photo(10_004, 'my receipt')),
        channel,
      ).messages;
      expect(photo).toMatchObject({
        text: 'my receipt',
        attachments: [
          { type: 'image', url: 'telegram-file:AgACAgQAAxkBAAIBLarge', sizeBytes: 48213 },
        ],
      });
      const [document] = adapter.parse(webhook(telegramUpdates.document(10_005)), channel).messages;
      expect(document.attachments).toEqual([
        {
          type: 'file',
          url: 'telegram-file:BQACAgQAAxkBAAIBDocument',
          name: 'invoice-2041.pdf',
          mimeType: 'application/pdf',
          sizeBytes: 112640,
        },
      ]);
    });

    it('counts stickers, group chats and other update types as ignored', () => {
      expect(adapter.parse(webhook(telegramUpdates.sticker(10_006)), channel)).toEqual({
        messages: [],
        statuses: [],
        ignored: 1,
      });
      const group = telegramUpdates.text(10_007, 'hello group');
      group.message.chat = { ...group.message.chat, type: 'group' };
      expect(adapter.parse(webhook(group), channel).ignored).toBe(1);
      const callback = {
        update_id: 10_008,
        callback_query: { id: '4382bfdwdsb323b2d9', data: 'x' },
      };
      expect(adapter.parse(webhook(callback), channel).ignored).toBe(1);
    });

    it('rejects malformed JSON and an update of the wrong shape with a reason', () => {
      expect(() => adapter.parse(webhook('{"update_id": 1, "message": {'), channel)).toThrow(
        WebhookPayloadError,
      );
      expect(() => adapter.parse(webhook({ update_id: 'x' }), channel)).toThrow(/update_id/);
      const noChat = telegramUpdates.text(10_009, 'hi') as { message: Record<string, unknown> };
      delete noChat.message['chat'];
      expect(() => adapter.parse(webhook(noChat), channel)).toThrow(/message\.chat required/);
    });
  });

  describe('send', () => {
    it('sends plain text with no parse_mode, every special character as written', async () => {
      const text = 'Price: 5.99 (was 7.50) - *50%* off_today! [link](x) #1 `code` a>b {c}=d|e~f';
      const result = await adapter.send(outbound(text), channel);
      const [call] = telegram.callsTo('sendMessage');
      expect(call.body).toEqual({ chat_id: String(TELEGRAM_CUSTOMER.id), text });
      expect(result.platformMessageIds).toEqual([expect.stringMatching(/^1111111:\d+$/)]);
    });

    it('splits a text over 4096 characters into parts Telegram accepts, in order', async () => {
      const paragraphs = Array.from(
        { length: 30 },
        (_, i) => `Paragraph ${i}. ${'word '.repeat(60).trim()}`,
      );
      const result = await adapter.send(outbound(paragraphs.join('\n\n')), channel);
      const texts = telegram.sentTexts();
      expect(texts.length).toBeGreaterThan(2);
      expect(texts.every((t) => t.length <= TELEGRAM_MAX_TEXT_LENGTH)).toBe(true);
      expect(texts.join('\n\n')).toBe(paragraphs.join('\n\n'));
      expect(result.platformMessageIds).toHaveLength(texts.length);
    });

    it("turns 429 into a retry after Telegram's retry_after, and 5xx into a plain retry", async () => {
      telegram.failNext({ method: 'sendMessage', errorCode: 429, retryAfter: 3 });
      await expect(adapter.send(outbound('hi'), channel)).rejects.toMatchObject({
        name: 'RetryableDeliveryError',
        retryAfterMs: 3_000,
        message: 'Too Many Requests: retry after 3',
      });
      telegram.failNext({ method: 'sendMessage', errorCode: 502 });
      await expect(adapter.send(outbound('hi'), channel)).rejects.toBeInstanceOf(
        RetryableDeliveryError,
      );
    });

    it('turns a blocked bot and a bad token into permanent failures with the reason', async () => {
      telegram.failNext({ method: 'sendMessage', errorCode: 403 });
      await expect(adapter.send(outbound('hi'), channel)).rejects.toMatchObject({
        name: 'PermanentDeliveryError',
        message: 'Forbidden: bot was blocked by the user',
        platformCode: '403',
      });
      await expect(
        adapter.send(outbound('hi'), {
          ...channel,
          credentials: { botToken: '1:AAWrongTokenWrongTokenWrong' },
        }),
      ).rejects.toEqual(new PermanentDeliveryError('Unauthorized', '401'));
    });

    it('resumes a split message after the parts that went out before a 429', async () => {
      const parts = ['a'.repeat(4000), 'b'.repeat(4000), 'c'.repeat(4000)];
      telegram.failNext({ method: 'sendMessage', errorCode: 429, retryAfter: 1, skip: 1 });
      const error = await adapter
        .send(outbound(parts.join('\n\n')), channel)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryableDeliveryError);
      expect((error as RetryableDeliveryError).sentPlatformMessageIds).toEqual([
        expect.stringMatching(new RegExp(`^${TELEGRAM_CUSTOMER.id}:\\d+$`)),
      ]);
      telegram.reset();
      const resumed = await adapter.send(outbound(parts.join('\n\n'), 1), channel);
      expect(telegram.sentTexts()).toEqual([parts[1], parts[2]]);
      expect(resumed.platformMessageIds).toHaveLength(2);
    });

    it('fails over to a retry when Telegram cannot be reached', async () => {
      const offline = new TelegramAdapter({
        apiRoot: 'http://127.0.0.1:9',
        requestTimeoutMs: 2_000,
      });
      await expect(offline.send(outbound('hi'), channel)).rejects.toBeInstanceOf(
        RetryableDeliveryError,
      );
    });
  });

  it('connects by setting the webhook with the secret token and the updates it handles', async () => {
    await adapter.connect(channel, 'https://hooks.example.test/webhooks/telegram/c1');
    expect(telegram.webhookOf()).toEqual({
      url: 'https://hooks.example.test/webhooks/telegram/c1',
      secretToken: SECRET,
      allowedUpdates: ['message', 'edited_message'],
    });
  });
});
