import {
  type ChannelContext,
  type OutboundChannelMessage,
  PermanentDeliveryError,
  type RawWebhookRequest,
  RetryableDeliveryError,
  WebhookPayloadError,
} from '@cxgenie/contracts';
import {
  FAKE_GRAPH_ACCESS_TOKEN,
  FakeGraphApi,
  GRAPH_FAILURES,
  signMetaWebhook,
} from '@cxgenie/testing';
import { MessengerAdapter } from './messenger.adapter';
import type { MessengerSettings } from './messenger.schemas';

const PAGE_ID = '106403224510948';
const PSID = '6945520952144011';
const APP_SECRET = 'messenger-app-secret';

const channel = (credentials: Record<string, string> = {}): ChannelContext<MessengerSettings> => ({
  channelId: 'channel-messenger-1',
  workspaceId: 'workspace-1',
  botId: null,
  settings: { pageId: PAGE_ID },
  credentials: {
    pageAccessToken: FAKE_GRAPH_ACCESS_TOKEN,
    appSecret: APP_SECRET,
    verifyToken: 'messenger-verify-token',
    ...credentials,
  },
  webhookSecret: null,
});

const delivery = (body: string | object): RawWebhookRequest => {
  const signed = signMetaWebhook(body, APP_SECRET);
  return { method: 'POST', headers: signed.headers, query: {}, rawBody: signed.rawBody };
};

const page = (...messaging: object[]) => ({
  object: 'page',
  entry: [{ id: PAGE_ID, time: 1458692752478, messaging }],
});

// Shapes as Meta's Messenger Platform webhook reference shows them.
const FIXTURES = {
  text: {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    timestamp: 1458692752478,
    message: { mid: 'mid.1457764197618:41d102a3e1ae206a38', text: 'hello, world!' },
  },
  quickReply: {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    timestamp: 1458692752999,
    message: {
      mid: 'm_quick_reply_1',
      text: 'Red',
      quick_reply: { payload: 'DEVELOPER_DEFINED_PAYLOAD_FOR_PICKING_RED' },
    },
  },
  attachments: {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    timestamp: 1458692753001,
    message: {
      mid: 'm_attachments_1',
      attachments: [
        { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg' } },
        { type: 'file', payload: { url: 'https://cdn.fbsbx.com/v/t59.2708-21/invoice.pdf' } },
        {
          type: 'location',
          title: "Jane's Location",
          payload: { coordinates: { lat: 37.483872693672, long: -122.14900441942 } },
        },
      ],
    },
  },
  postback: {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    timestamp: 1527459824000,
    postback: {
      mid: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P',
      title: 'Talk to an agent',
      payload: 'TALK_TO_AGENT',
    },
  },
  legacyPostback: {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    timestamp: 1458692752478,
    postback: { payload: 'USER_DEFINED_PAYLOAD' },
  },
  echo: {
    sender: { id: PAGE_ID },
    recipient: { id: PSID },
    timestamp: 1457764197627,
    message: {
      is_echo: true,
      app_id: 1517776481860111,
      metadata: 'DEVELOPER_DEFINED_METADATA_STRING',
      mid: 'mid.1457764197618:41d102a3e1ae206a38',
      text: 'The answer we sent',
    },
  },
  delivery: {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    delivery: { mids: ['mid.1458668856218:ed81099e15d3f4f233'], watermark: 1458668856253 },
  },
  read: {
    sender: { id: PSID },
    recipient: { id: PAGE_ID },
    timestamp: 1458668856463,
    read: { watermark: 1458668856253 },
  },
};

const outbound = (text: string, extra: Partial<OutboundChannelMessage> = {}) => ({
  messageId: 'message-1',
  conversationId: 'conversation-1',
  externalCustomerId: PSID,
  text,
  attachments: [],
  lastCustomerMessageAt: null,
  ...extra,
});

describe('MessengerAdapter', () => {
  let graph: FakeGraphApi;
  let adapter: MessengerAdapter;

  beforeAll(async () => {
    graph = await FakeGraphApi.start({ sendApiTextLimit: { max: 2000, unit: 'chars' } });
    adapter = new MessengerAdapter({ graphApiRoot: graph.origin });
  });
  afterEach(() => graph.reset());
  afterAll(() => graph.close());

  describe('webhooks in', () => {
    it('answers the subscription handshake with the verify token', () => {
      const request: RawWebhookRequest = {
        method: 'GET',
        headers: {},
        query: {
          'hub.mode': 'subscribe',
          'hub.verify_token': 'messenger-verify-token',
          'hub.challenge': '987654321',
        },
        rawBody: Buffer.alloc(0),
      };
      expect(adapter.handshake(request, channel())).toEqual({ status: 200, body: '987654321' });
      expect(adapter.handshake(request, channel({ verifyToken: 'other' }))).toMatchObject({
        status: 403,
      });
    });

    it('verifies the signature with the channel app secret', () => {
      const request = delivery(page(FIXTURES.text));
      expect(adapter.verify(request, channel())).toEqual({ ok: true });
      expect(adapter.verify(request, channel({ appSecret: 'rotated' }))).toMatchObject({
        ok: false,
        status: 403,
      });
    });

    it('normalises a text message, its mid and its timestamp', () => {
      const parsed = adapter.parse(delivery(page(FIXTURES.text)), channel());
      expect(parsed).toEqual({
        messages: [
          {
            platform: 'messenger',
            channelId: 'channel-messenger-1',
            platformMessageId: 'mid.1457764197618:41d102a3e1ae206a38',
            externalCustomerId: PSID,
            customerName: null,
            text: 'hello, world!',
            attachments: [],
            sentAt: '2016-03-23T00:25:52.478Z',
            kind: 'message',
          },
        ],
        statuses: [],
        ignored: 0,
      });
    });

    it('takes in quick replies, attachments and postbacks with their kinds', () => {
      const { messages } = adapter.parse(
        delivery(page(FIXTURES.quickReply, FIXTURES.attachments, FIXTURES.postback)),
        channel(),
      );
      expect(messages.map((m) => [m.kind, m.text, m.platformMessageId])).toEqual([
        ['quick_reply', 'Red', 'm_quick_reply_1'],
        ['message', '', 'm_attachments_1'],
        ['postback', 'Talk to an agent', FIXTURES.postback.postback.mid],
      ]);
      expect(messages[1].attachments).toEqual([
        { type: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg' },
        { type: 'file', url: 'https://cdn.fbsbx.com/v/t59.2708-21/invoice.pdf' },
        { type: 'location', url: 'geo:37.483872693672,-122.14900441942', name: "Jane's Location" },
      ]);
      expect(messages[2].sentAt).toBe('2018-05-27T22:23:44.000Z');
    });

    it('gives a postback without a mid a key that is the same on every redelivery', () => {
      const first = adapter.parse(delivery(page(FIXTURES.legacyPostback)), channel());
      const again = adapter.parse(delivery(page(FIXTURES.legacyPostback)), channel());
      expect(first.messages[0]).toMatchObject({
        kind: 'postback',
        text: 'USER_DEFINED_PAYLOAD',
        platformMessageId: `postback:${PSID}:1458692752478`,
      });
      expect(again.messages[0].platformMessageId).toBe(first.messages[0].platformMessageId);
    });

    it('ignores echoes of our own messages', () => {
      expect(adapter.parse(delivery(page(FIXTURES.echo)), channel())).toEqual({
        messages: [],
        statuses: [],
        ignored: 1,
      });
    });

    it('turns delivery receipts into statuses; a watermark-only read is counted as ignored', () => {
      const parsed = adapter.parse(delivery(page(FIXTURES.delivery, FIXTURES.read)), channel());
      expect(parsed.statuses).toEqual([
        {
          platform: 'messenger',
          channelId: 'channel-messenger-1',
          platformMessageId: 'mid.1458668856218:ed81099e15d3f4f233',
          status: 'delivered',
          reason: null,
          at: '2016-03-22T17:47:36.253Z',
        },
      ]);
      expect(parsed.ignored).toBe(1);
    });

    it('ignores entries for another Page served by the same app', () => {
      const body = { object: 'page', entry: [{ id: '999', time: 1, messaging: [FIXTURES.text] }] };
      expect(adapter.parse(delivery(body), channel())).toEqual({
        messages: [],
        statuses: [],
        ignored: 1,
      });
    });

    it.each([
      ['malformed JSON', '{"object":"page","entry":[', /not valid JSON/],
      ['another object', { object: 'instagram', entry: [] }, /object.*expected object "page"/],
      ['entry that is not a list', { object: 'page', entry: {} }, /at entry:/],
      [
        'a message without a sender',
        page({ recipient: { id: PAGE_ID }, timestamp: 1, message: { mid: 'm1', text: 'x' } }),
        /at entry\.0\.messaging\.0\.sender/,
      ],
      [
        'a message without a mid',
        page({ ...FIXTURES.text, message: { text: 'no id' } }),
        /entry\.0\.messaging\.0\.message\.mid/,
      ],
    ])('refuses %s with a WebhookPayloadError saying where', (_case, body, reason) => {
      const parse = () => adapter.parse(delivery(body), channel());
      expect(parse).toThrow(WebhookPayloadError);
      expect(parse).toThrow(reason);
    });
  });

  describe('messages out', () => {
    it('sends a reply through the Send API as Graph expects it', async () => {
      const result = await adapter.send(outbound('Hi! How can I help?'), channel());
      expect(graph.requests).toHaveLength(1);
      expect(graph.requests[0]).toMatchObject({
        method: 'POST',
        nodeId: PAGE_ID,
        accessToken: FAKE_GRAPH_ACCESS_TOKEN,
        status: 200,
        body: {
          recipient: { id: PSID },
          messaging_type: 'RESPONSE',
          message: { text: 'Hi! How can I help?' },
        },
      });
      expect(result).toEqual({ platformMessageIds: [graph.requests[0].messageId] });
    });

    it('splits a text over 2000 characters into parts Graph accepts, in order', async () => {
      const sentences = Array.from({ length: 150 }, (_, i) => `Sentence number ${i} is here.`);
      const result = await adapter.send(outbound(sentences.join(' ')), channel());
      const texts = graph.delivered.map((b) => (b.message as { text: string }).text);
      expect(texts.length).toBeGreaterThan(2);
      texts.forEach((t) => expect(t.length).toBeLessThanOrEqual(2000));
      expect(texts.join(' ')).toBe(sentences.join(' '));
      expect(result.platformMessageIds).toHaveLength(texts.length);
      expect(new Set(result.platformMessageIds).size).toBe(texts.length);
    });

    it('resumes a split message after the parts an earlier attempt delivered', async () => {
      const text = Array.from({ length: 150 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
      graph.failNext(null, GRAPH_FAILURES.serverError());
      const failure = await adapter.send(outbound(text), channel()).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(RetryableDeliveryError);
      const firstPartId = graph.requests[0].messageId;
      expect(failure).toMatchObject({ sentPlatformMessageIds: [firstPartId] });

      const retry = await adapter.send(outbound(text, { deliveredParts: 1 }), channel());
      const texts = graph.delivered.map((b) => (b.message as { text: string }).text);
      expect(texts.join(' ')).toBe(text);
      expect(new Set(texts).size).toBe(texts.length);
      expect([firstPartId, ...retry.platformMessageIds]).toHaveLength(texts.length);
    });

    it('sends attachments after the text', async () => {
      await adapter.send(
        outbound('Here is the manual', {
          attachments: [
            { type: 'file', url: 'https://example.com/manual.pdf', name: 'manual.pdf' },
          ],
        }),
        channel(),
      );
      expect(graph.delivered.map((b) => b.message)).toEqual([
        { text: 'Here is the manual' },
        {
          attachment: {
            type: 'file',
            payload: { url: 'https://example.com/manual.pdf', is_reusable: false },
          },
        },
      ]);
    });

    it('fails retryably on 429 and 5xx, so the job is retried', async () => {
      graph.failNext(GRAPH_FAILURES.rateLimited(30));
      await expect(adapter.send(outbound('hello'), channel())).rejects.toMatchObject({
        name: 'RetryableDeliveryError',
        retryAfterMs: 30_000,
      });
      graph.failNext(GRAPH_FAILURES.serverError());
      await expect(adapter.send(outbound('hello'), channel())).rejects.toBeInstanceOf(
        RetryableDeliveryError,
      );
      await expect(adapter.send(outbound('hello'), channel())).resolves.toMatchObject({
        platformMessageIds: [expect.any(String)],
      });
    });

    it('fails permanently with the platform reason for a bad token or a blocked user', async () => {
      await expect(
        adapter.send(outbound('hello'), channel({ pageAccessToken: 'EAA-expired' })),
      ).rejects.toMatchObject({ name: 'PermanentDeliveryError', platformCode: '190' });
      graph.failNext(GRAPH_FAILURES.userUnavailable());
      await expect(adapter.send(outbound('hello'), channel())).rejects.toMatchObject({
        name: 'PermanentDeliveryError',
        platformCode: '551',
        message: expect.stringContaining("This person isn't available right now."),
      });
    });

    it('refuses permanently, without calling Graph, when the channel has no token', async () => {
      await expect(
        adapter.send(outbound('hello'), channel({ pageAccessToken: '' })),
      ).rejects.toBeInstanceOf(PermanentDeliveryError);
      expect(graph.requests).toHaveLength(0);
    });
  });

  describe('channel settings', () => {
    it('requires a numeric Page id and all three credentials', () => {
      expect(adapter.settingsSchema.safeParse({ pageId: PAGE_ID }).success).toBe(true);
      expect(adapter.settingsSchema.safeParse({ pageId: 'my-page' }).success).toBe(false);
      const credentials = adapter.credentialsSchema.safeParse({
        pageAccessToken: 'EAA',
        appSecret: '',
      });
      expect(credentials.success).toBe(false);
      if (!credentials.success) {
        expect(credentials.error.issues.map((i) => i.path[0])).toEqual([
          'appSecret',
          'verifyToken',
        ]);
      }
    });
  });
});
