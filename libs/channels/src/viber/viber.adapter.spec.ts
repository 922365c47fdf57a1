import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ChannelContext,
  PermanentDeliveryError,
  type RawWebhookRequest,
  RetryableDeliveryError,
  WebhookPayloadError,
} from '@cxgenie/contracts';
import {
  FAKE_VIBER_AUTH_TOKEN,
  FakeViber,
  VIBER_CUSTOMER,
  signViberBody,
  viberCallbacks,
  viberJson,
  viberToken,
} from '@cxgenie/testing';
import { VIBER_MAX_TEXT_LENGTH, VIBER_SIGNATURE_HEADER, ViberAdapter } from './viber.adapter';

const channel: ChannelContext = {
  channelId: 'c2a1b2c3-0000-4000-8000-000000000002',
  workspaceId: 'w1',
  botId: 'b1',
  settings: { senderName: 'Acme support' },
  credentials: { authToken: FAKE_VIBER_AUTH_TOKEN },
  webhookSecret: null,
};

const signed = (body: string, token = FAKE_VIBER_AUTH_TOKEN): RawWebhookRequest => ({
  method: 'POST',
  headers: { [VIBER_SIGNATURE_HEADER]: signViberBody(body, token) },
  query: {},
  rawBody: Buffer.from(body),
});

const outbound = (text: string) => ({
  messageId: 'm1',
  conversationId: 'conv1',
  externalCustomerId: VIBER_CUSTOMER.id,
  text,
  attachments: [],
  lastCustomerMessageAt: null,
});

describe('ViberAdapter', () => {
  let viber: FakeViber;
  let adapter: ViberAdapter;

  beforeAll(async () => {
    viber = await FakeViber.start();
    adapter = new ViberAdapter({ apiRoot: viber.apiRoot });
  });
  afterEach(() => viber.reset());
  afterAll(() => viber.close());

  describe('verify', () => {
    const body = viberJson(viberCallbacks.text(viberToken(1), 'hello'));

    it('accepts the HMAC-SHA256 of the raw body under the auth token', () => {
      expect(adapter.verify(signed(body), channel)).toEqual({ ok: true });
    });

    it('rejects one changed byte, another token and a missing header', () => {
      const request = signed(body);
      const tampered = { ...request, rawBody: Buffer.from(body.replace('hello', 'hellp')) };
      expect(adapter.verify(tampered, channel)).toMatchObject({ ok: false, status: 403 });
      expect(adapter.verify(signed(body, 'another-token-0000000'), channel)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(adapter.verify({ ...request, headers: {} }, channel)).toMatchObject({
        ok: false,
        status: 401,
      });
    });
  });

  describe('parse', () => {
    it('keeps a 64-bit message token exact and normalizes a text message', () => {
      const token = viberToken(7);
      const body = viberJson(
        viberCallbacks.text(token, 'a message to the service', { timestamp: 1457764197627 }),
      );
      expect(body).toContain(`"message_token":${token}`);
      expect(adapter.parse(signed(body), channel)).toEqual({
        messages: [
          {
            platform: 'viber',
            channelId: channel.channelId,
            platformMessageId: token,
            externalCustomerId: VIBER_CUSTOMER.id,
            customerName: 'John McClane',
            text: 'a message to the service',
            attachments: [],
            sentAt: '2016-03-12T06:29:57.627Z',
            kind: 'message',
          },
        ],
        statuses: [],
        ignored: 0,
      });
      // Two tokens one apart stay two ids (JSON.parse would round both to the same number).
      const next = adapter.parse(
        signed(viberJson(viberCallbacks.text(viberToken(8), 'x'))),
        channel,
      );
      expect(next.messages[0].platformMessageId).toBe(viberToken(8));
      expect(viberToken(8)).not.toBe(token);
    });

    it('takes a picture as an image attachment with its caption', () => {
      const [message] = adapter.parse(
        signed(viberJson(viberCallbacks.picture(viberToken(9), 'my receipt'))),
        channel,
      ).messages;
      expect(message).toMatchObject({
        text: 'my receipt',
        attachments: [
          {
            type: 'image',
            url: expect.stringMatching(/^https:\/\/dl-media\.viber\.com\//),
            name: 'photo.jpg',
            sizeBytes: 135489,
          },
        ],
      });
    });

    it('turns delivered, seen and failed into statuses of our message', () => {
      const token = viberToken(10);
      const at = 1457764197627;
      const statuses = [
        viberCallbacks.delivered(token, { timestamp: at }),
        viberCallbacks.seen(token, { timestamp: at }),
        viberCallbacks.failed(token, 'Receiver is inactive', { timestamp: at }),
      ].map((c) => adapter.parse(signed(viberJson(c)), channel).statuses[0]);
      expect(statuses.map((s) => [s.platformMessageId, s.status, s.reason])).toEqual([
        [token, 'delivered', null],
        [token, 'read', null],
        [token, 'failed', 'Receiver is inactive'],
      ]);
    });

    it('counts subscribed, unsubscribed and the webhook check as ignored', () => {
      for (const callback of [
        viberCallbacks.subscribed(viberToken(11)),
        viberCallbacks.unsubscribed(viberToken(12)),
        { event: 'webhook', timestamp: 1, message_token: viberToken(13) },
      ]) {
        expect(adapter.parse(signed(viberJson(callback)), channel)).toEqual({
          messages: [],
          statuses: [],
          ignored: 1,
        });
      }
    });

    it('rejects malformed JSON and a message of the wrong shape with a reason', () => {
      expect(() => adapter.parse(signed('{"event":"message",'), channel)).toThrow(
        WebhookPayloadError,
      );
      const noSender = { ...viberCallbacks.text(viberToken(14), 'x'), sender: undefined };
      expect(() => adapter.parse(signed(viberJson(noSender)), channel)).toThrow(
        'viber message callback: sender required',
      );
      expect(() => adapter.parse(signed('{"timestamp":1}'), channel)).toThrow(/event required/);
    });
  });

  describe('send', () => {
    it('sends send_message with the auth token and returns the exact 64-bit token', async () => {
      const result = await adapter.send(outbound('Hello world!'), channel);
      const [call] = viber.callsTo('send_message');
      expect(call.authToken).toBe(FAKE_VIBER_AUTH_TOKEN);
      expect(call.body).toEqual({
        receiver: VIBER_CUSTOMER.id,
        min_api_version: 1,
        sender: { name: 'Acme support' },
        type: 'text',
        text: 'Hello world!',
      });
      expect(result.platformMessageIds).toEqual([expect.stringMatching(/^\d{19}$/)]);
      expect(BigInt(result.platformMessageIds[0]) > 2n ** 53n).toBe(true);
    });

    it("splits a text over Viber's 7000 characters", async () => {
      const text = Array.from({ length: 60 }, (_, i) => `Line ${i}: ${'text '.repeat(50)}`).join(
        '\n',
      );
      const result = await adapter.send(outbound(text), channel);
      const texts = viber.callsTo('send_message').map((c) => String(c.body['text']));
      expect(texts.length).toBeGreaterThan(1);
      expect(texts.every((t) => t.length <= VIBER_MAX_TEXT_LENGTH)).toBe(true);
      expect(texts.join('\n').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' ').trim());
      expect(new Set(result.platformMessageIds).size).toBe(texts.length);
    });

    it('retries on tooManyRequests and HTTP 503 (honouring Retry-After)', async () => {
      viber.failNext({ status: 12 });
      await expect(adapter.send(outbound('hi'), channel)).rejects.toMatchObject({
        name: 'RetryableDeliveryError',
        message: 'tooManyRequests',
      });
      viber.failNext({ httpStatus: 503, retryAfter: '4' });
      await expect(adapter.send(outbound('hi'), channel)).rejects.toMatchObject({
        retryAfterMs: 4_000,
      });
    });

    it('fails for good when the user is not subscribed or the token is wrong', async () => {
      viber.failNext({ status: 6 });
      await expect(adapter.send(outbound('hi'), channel)).rejects.toEqual(
        new PermanentDeliveryError('notSubscribed', '6'),
      );
      await expect(
        adapter.send(outbound('hi'), {
          ...channel,
          credentials: { authToken: 'not-the-token-000' },
        }),
      ).rejects.toEqual(new PermanentDeliveryError('invalidAuthToken', '2'));
    });

    it('retries when Viber cannot be reached', async () => {
      const offline = new ViberAdapter({ apiRoot: 'http://127.0.0.1:9/pa' });
      await expect(offline.send(outbound('hi'), channel)).rejects.toBeInstanceOf(
        RetryableDeliveryError,
      );
    });
  });

  it('connects with set_webhook once Viber has checked the URL answers', async () => {
    let checked = '';
    const endpoint: Server = createServer((req, res) => {
      req.on('data', (c: Buffer) => (checked += c.toString()));
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/webhooks/viber/c2`;
      await adapter.connect(channel, url);
      expect(viber.registeredWebhook).toBe(url);
      expect(JSON.parse(checked)).toMatchObject({ event: 'webhook' });
      expect(viber.callsTo('set_webhook')[0].body).toMatchObject({
        url,
        event_types: expect.arrayContaining(['delivered', 'seen', 'failed']),
      });
    } finally {
      endpoint.close();
    }
  });
});
