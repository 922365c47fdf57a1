import {
  type ChannelContext,
  type OutboundChannelMessage,
  PermanentDeliveryError,
  type RawWebhookRequest,
  WebhookPayloadError,
} from '@cxgenie/contracts';
import {
  FAKE_GRAPH_ACCESS_TOKEN,
  FakeGraphApi,
  GRAPH_FAILURES,
  signMetaWebhook,
} from '@cxgenie/testing';
import { WhatsAppAdapter } from './whatsapp.adapter';
import type { WhatsAppSettings } from './whatsapp.schemas';

const WABA_ID = '102290129340398';
const PHONE_NUMBER_ID = '106540352242922';
const CUSTOMER = '16505551234';
const APP_SECRET = 'whatsapp-app-secret';
const NOW = Date.parse('2025-06-25T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const SETTINGS: WhatsAppSettings = {
  phoneNumberId: PHONE_NUMBER_ID,
  wabaId: WABA_ID,
  templateName: 'support_follow_up',
  templateLanguage: 'en_US',
};

const channel = (settings: Partial<WhatsAppSettings> = {}): ChannelContext<WhatsAppSettings> => ({
  channelId: 'channel-whatsapp-1',
  workspaceId: 'workspace-1',
  botId: null,
  settings: { ...SETTINGS, ...settings },
  credentials: {
    accessToken: FAKE_GRAPH_ACCESS_TOKEN,
    appSecret: APP_SECRET,
    verifyToken: 'whatsapp-verify-token',
  },
  webhookSecret: null,
});

const delivery = (body: string | object): RawWebhookRequest => {
  const signed = signMetaWebhook(body, APP_SECRET);
  return { method: 'POST', headers: signed.headers, query: {}, rawBody: signed.rawBody };
};

/** The Cloud API envelope, as in Meta's webhook payload examples. */
const webhook = (value: object, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: WABA_ID, changes: [{ value, field }] }],
});

const METADATA = { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID };
const CONTACTS = [{ profile: { name: 'Sheena Nelson' }, wa_id: CUSTOMER }];

const messages = (...list: object[]) =>
  webhook({
    messaging_product: 'whatsapp',
    metadata: METADATA,
    contacts: CONTACTS,
    messages: list,
  });
const statuses = (...list: object[]) =>
  webhook({ messaging_product: 'whatsapp', metadata: METADATA, statuses: list });

const FIXTURES = {
  text: {
    from: CUSTOMER,
    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
    timestamp: '1750857384',
    text: { body: 'Where is my order?' },
    type: 'text',
  },
  image: {
    from: CUSTOMER,
    id: 'wamid.image1',
    timestamp: '1750857390',
    type: 'image',
    image: {
      caption: 'This arrived broken',
      mime_type: 'image/jpeg',
      sha256: 'HEXSHA256ofIMAGE',
      id: '1003383421387256',
    },
  },
  document: {
    from: CUSTOMER,
    id: 'wamid.document1',
    timestamp: '1750857391',
    type: 'document',
    document: {
      filename: 'invoice-1042.pdf',
      mime_type: 'application/pdf',
      sha256: 'HEXSHA256ofDOC',
      id: '1003383421387257',
    },
  },
  buttonReply: {
    context: { from: '15550783881', id: 'wamid.ourButtons' },
    from: CUSTOMER,
    id: 'wamid.button_reply1',
    timestamp: '1750857392',
    type: 'interactive',
    interactive: {
      type: 'button_reply',
      button_reply: { id: 'talk-to-agent', title: 'Talk to an agent' },
    },
  },
  listReply: {
    from: CUSTOMER,
    id: 'wamid.list_reply1',
    timestamp: '1750857393',
    type: 'interactive',
    interactive: {
      type: 'list_reply',
      list_reply: { id: 'returns', title: 'Returns', description: 'Start a return' },
    },
  },
  templateButton: {
    context: { from: '15550783881', id: 'wamid.ourTemplate' },
    from: CUSTOMER,
    id: 'wamid.button1',
    timestamp: '1750857394',
    type: 'button',
    button: { text: 'Yes, continue', payload: 'CONTINUE' },
  },
  reaction: {
    from: CUSTOMER,
    id: 'wamid.reaction1',
    timestamp: '1750857395',
    type: 'reaction',
    reaction: { message_id: 'wamid.ours', emoji: '👍' },
  },
};

const outbound = (lastCustomerMessageAt: string | null, text = 'Your order ships today.') =>
  ({
    messageId: 'message-1',
    conversationId: 'conversation-1',
    externalCustomerId: CUSTOMER,
    text,
    attachments: [],
    lastCustomerMessageAt,
  }) satisfies OutboundChannelMessage;

const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('WhatsAppAdapter', () => {
  let graph: FakeGraphApi;
  let adapter: WhatsAppAdapter;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    adapter = new WhatsAppAdapter({ graphApiRoot: graph.origin, now: () => NOW });
  });
  afterEach(() => graph.reset());
  afterAll(() => graph.close());

  describe('webhooks in', () => {
    it('verifies the signature with the channel app secret', () => {
      expect(adapter.verify(delivery(messages(FIXTURES.text)), channel())).toEqual({ ok: true });
      const forged = { ...delivery(messages(FIXTURES.text)), rawBody: Buffer.from('{}') };
      expect(adapter.verify(forged, channel())).toMatchObject({ ok: false, status: 403 });
    });

    it('normalises a text message with the contact name, wamid and timestamp', () => {
      expect(adapter.parse(delivery(messages(FIXTURES.text)), channel())).toEqual({
        messages: [
          {
            platform: 'whatsapp',
            channelId: 'channel-whatsapp-1',
            platformMessageId: FIXTURES.text.id,
            externalCustomerId: CUSTOMER,
            customerName: 'Sheena Nelson',
            text: 'Where is my order?',
            attachments: [],
            sentAt: '2025-06-25T13:16:24.000Z',
            kind: 'message',
          },
        ],
        statuses: [],
        ignored: 0,
      });
    });

    it('turns media into attachments that name the media id', () => {
      const { messages: parsed } = adapter.parse(
        delivery(messages(FIXTURES.image, FIXTURES.document)),
        channel(),
      );
      expect(parsed.map((m) => [m.text, m.attachments])).toEqual([
        [
          'This arrived broken',
          [{ type: 'image', url: `${graph.baseUrl}/1003383421387256`, mimeType: 'image/jpeg' }],
        ],
        [
          '',
          [
            {
              type: 'file',
              url: `${graph.baseUrl}/1003383421387257`,
              name: 'invoice-1042.pdf',
              mimeType: 'application/pdf',
            },
          ],
        ],
      ]);
    });

    it('takes button, list and template-button replies in as quick replies', () => {
      const { messages: parsed } = adapter.parse(
        delivery(messages(FIXTURES.buttonReply, FIXTURES.listReply, FIXTURES.templateButton)),
        channel(),
      );
      expect(parsed.map((m) => [m.kind, m.text, m.platformMessageId])).toEqual([
        ['quick_reply', 'Talk to an agent', 'wamid.button_reply1'],
        ['quick_reply', 'Returns', 'wamid.list_reply1'],
        ['quick_reply', 'Yes, continue', 'wamid.button1'],
      ]);
    });

    it('records sent, delivered, read and failed callbacks, with the failure reason', () => {
      const status = (id: string, value: string, extra: object = {}) => ({
        id,
        status: value,
        timestamp: '1750857384',
        recipient_id: CUSTOMER,
        ...extra,
      });
      const parsed = adapter.parse(
        delivery(
          statuses(
            status('wamid.a', 'sent', {
              conversation: { id: 'c1', origin: { type: 'service' } },
              pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
            }),
            status('wamid.a', 'delivered'),
            status('wamid.a', 'read'),
            status('wamid.b', 'failed', {
              errors: [
                {
                  code: 131047,
                  title: 'Re-engagement message',
                  message: 'Re-engagement message',
                  error_data: {
                    details:
                      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
                  },
                },
              ],
            }),
          ),
        ),
        channel(),
      );
      expect(parsed.messages).toEqual([]);
      expect(parsed.statuses.map((s) => [s.platformMessageId, s.status, s.reason])).toEqual([
        ['wamid.a', 'sent', null],
        ['wamid.a', 'delivered', null],
        ['wamid.a', 'read', null],
        [
          'wamid.b',
          'failed',
          'Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number. (code 131047)',
        ],
      ]);
      expect(parsed.statuses[0]).toMatchObject({
        platform: 'whatsapp',
        channelId: 'channel-whatsapp-1',
        at: '2025-06-25T13:16:24.000Z',
      });
    });

    it('ignores reactions, other fields, and changes for another phone number', () => {
      const otherNumber = webhook({
        messaging_product: 'whatsapp',
        metadata: { display_phone_number: '15550000000', phone_number_id: '999' },
        messages: [FIXTURES.text],
      });
      const templateReview = webhook(
        { event: 'APPROVED', message_template_id: 1, message_template_name: 'x' },
        'message_template_status_update',
      );
      for (const body of [messages(FIXTURES.reaction), otherNumber, templateReview]) {
        expect(adapter.parse(delivery(body), channel())).toEqual({
          messages: [],
          statuses: [],
          ignored: 1,
        });
      }
    });

    it.each([
      ['malformed JSON', '{"object":', /not valid JSON/],
      ['a Messenger payload', { object: 'page', entry: [] }, /whatsapp_business_account/],
      [
        'a message without an id',
        messages({ ...FIXTURES.text, id: undefined }),
        /at entry\.0\.changes\.0\.value\.messages\.0\.id/,
      ],
      [
        'a value without metadata',
        webhook({ messaging_product: 'whatsapp', messages: [FIXTURES.text] }),
        /value\.metadata/,
      ],
    ])('refuses %s with a WebhookPayloadError saying where', (_case, body, reason) => {
      const parse = () => adapter.parse(delivery(body), channel());
      expect(parse).toThrow(WebhookPayloadError);
      expect(parse).toThrow(reason);
    });
  });

  describe('messages out and the 24-hour window', () => {
    it('sends free-form text when the customer wrote 23h59m ago', async () => {
      const result = await adapter.send(outbound(ago(23 * HOUR + 59 * MINUTE)), channel());
      expect(graph.requests).toHaveLength(1);
      expect(graph.requests[0]).toMatchObject({
        nodeId: PHONE_NUMBER_ID,
        accessToken: FAKE_GRAPH_ACCESS_TOKEN,
        status: 200,
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: CUSTOMER,
          type: 'text',
          text: { preview_url: false, body: 'Your order ships today.' },
        },
      });
      expect(result).toEqual({ platformMessageIds: [graph.requests[0].messageId] });
    });

    it.each([
      ['the customer wrote 24h01m ago', ago(24 * HOUR + MINUTE)],
      ['the customer never wrote', null],
    ])('sends the configured template instead when %s', async (_case, last) => {
      const result = await adapter.send(outbound(last), channel());
      expect(graph.delivered).toEqual([
        {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: CUSTOMER,
          type: 'template',
          template: { name: 'support_follow_up', language: { code: 'en_US' } },
        },
      ]);
      expect(result.platformMessageIds).toEqual([graph.requests[0].messageId]);
    });

    it('fails permanently, without calling the API, outside the window with no template', async () => {
      const noTemplate = channel({ templateName: undefined, templateLanguage: undefined });
      const sending = adapter.send(outbound(ago(25 * HOUR)), noTemplate);
      await expect(sending).rejects.toBeInstanceOf(PermanentDeliveryError);
      await expect(sending).rejects.toThrow(
        'outside the 24-hour window and no template configured',
      );
      expect(graph.requests).toHaveLength(0);
    });

    it('splits text over 4096 characters inside the window', async () => {
      const text = Array.from({ length: 1200 }, (_, i) => `line ${i}`).join('\n');
      const result = await adapter.send(outbound(ago(HOUR), text), channel());
      const bodies = graph.delivered.map((b) => (b.text as { body: string }).body);
      expect(bodies.length).toBe(3);
      bodies.forEach((body) => expect(body.length).toBeLessThanOrEqual(4096));
      expect(bodies.join('\n')).toBe(text);
      expect(result.platformMessageIds).toHaveLength(3);
    });

    it('sends attachments as media messages with a link', async () => {
      await adapter.send(
        {
          ...outbound(ago(HOUR), ''),
          attachments: [
            { type: 'image', url: 'https://example.com/chart.png' },
            { type: 'file', url: 'https://example.com/terms.pdf', name: 'terms.pdf' },
          ],
        },
        channel(),
      );
      expect(graph.delivered.map((b) => [b.type, b[String(b.type)]])).toEqual([
        ['image', { link: 'https://example.com/chart.png' }],
        ['document', { link: 'https://example.com/terms.pdf', filename: 'terms.pdf' }],
      ]);
    });

    it('maps the re-engagement refusal to a permanent error and 429 to a retryable one', async () => {
      graph.failNext(GRAPH_FAILURES.reEngagement());
      await expect(adapter.send(outbound(ago(HOUR)), channel())).rejects.toMatchObject({
        name: 'PermanentDeliveryError',
        platformCode: '131047',
        message: expect.stringContaining('more than 24 hours have passed'),
      });
      graph.failNext(GRAPH_FAILURES.rateLimited(12));
      await expect(adapter.send(outbound(ago(HOUR)), channel())).rejects.toMatchObject({
        name: 'RetryableDeliveryError',
        retryAfterMs: 12_000,
      });
    });
  });

  describe('channel settings', () => {
    it('requires the numbers, a template name and its language', () => {
      expect(adapter.settingsSchema.safeParse(SETTINGS).success).toBe(true);
      const missing = adapter.settingsSchema.safeParse({
        phoneNumberId: PHONE_NUMBER_ID,
        wabaId: WABA_ID,
      });
      expect(missing.success).toBe(false);
      if (!missing.success) {
        expect(missing.error.issues.map((i) => i.path[0])).toEqual([
          'templateName',
          'templateLanguage',
        ]);
      }
      expect(
        adapter.settingsSchema.safeParse({ ...SETTINGS, templateName: 'Hello World' }).success,
      ).toBe(false);
      expect(
        adapter.credentialsSchema.safeParse({
          accessToken: 'EAA',
          appSecret: 's',
          verifyToken: 'v',
        }).success,
      ).toBe(true);
    });
  });
});
