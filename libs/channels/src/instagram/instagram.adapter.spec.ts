import {
  type ChannelContext,
  type RawWebhookRequest,
  WebhookPayloadError,
} from '@cxgenie/contracts';
import { FAKE_GRAPH_ACCESS_TOKEN, FakeGraphApi, signMetaWebhook } from '@cxgenie/testing';
import { InstagramAdapter } from './instagram.adapter';
import type { InstagramSettings } from './instagram.schemas';

const IG_ID = '17841405822304914';
const IGSID = '1914267468938223';
const APP_SECRET = 'instagram-app-secret';

const channel = (): ChannelContext<InstagramSettings> => ({
  channelId: 'channel-instagram-1',
  workspaceId: 'workspace-1',
  botId: null,
  settings: { igUserId: IG_ID },
  credentials: {
    pageAccessToken: FAKE_GRAPH_ACCESS_TOKEN,
    appSecret: APP_SECRET,
    verifyToken: 'instagram-verify-token',
  },
  webhookSecret: null,
});

const delivery = (body: string | object): RawWebhookRequest => {
  const signed = signMetaWebhook(body, APP_SECRET);
  return { method: 'POST', headers: signed.headers, query: {}, rawBody: signed.rawBody };
};

const instagram = (...messaging: object[]) => ({
  object: 'instagram',
  entry: [{ id: IG_ID, time: 1569262486134, messaging }],
});

// Shapes as Meta's Instagram Messaging webhook examples show them.
const FIXTURES = {
  text: {
    sender: { id: IGSID },
    recipient: { id: IG_ID },
    timestamp: 1569262485349,
    message: {
      mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI3NjAxMjE4NjA0NDk2ODgxNjozMTYzNzc4NDgxMDE1OTg0NTc3MzEwNjQ2MzE0MDIyNjU2MAZDZD',
      text: 'Do you ship to Canada?',
    },
  },
  image: {
    sender: { id: IGSID },
    recipient: { id: IG_ID },
    timestamp: 1569262485400,
    message: {
      mid: 'ig_mid_image_1',
      attachments: [
        {
          type: 'image',
          payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' },
        },
      ],
    },
  },
  quickReply: {
    sender: { id: IGSID },
    recipient: { id: IG_ID },
    timestamp: 1569262485500,
    message: { mid: 'ig_mid_qr_1', text: 'Yes', quick_reply: { payload: 'CONFIRM_YES' } },
  },
  postback: {
    sender: { id: IGSID },
    recipient: { id: IG_ID },
    timestamp: 1569262485600,
    postback: { mid: 'ig_mid_postback_1', title: 'Track my order', payload: 'TRACK_ORDER' },
  },
  echo: {
    sender: { id: IG_ID },
    recipient: { id: IGSID },
    timestamp: 1569262485700,
    message: { mid: 'ig_mid_echo_1', text: 'Our answer', is_echo: true },
  },
  seen: {
    sender: { id: IGSID },
    recipient: { id: IG_ID },
    timestamp: 1569262485800,
    read: { mid: 'ig_mid_our_answer_1' },
  },
  deleted: {
    sender: { id: IGSID },
    recipient: { id: IG_ID },
    timestamp: 1569262485900,
    message: { mid: 'ig_mid_deleted_1', is_deleted: true },
  },
};

describe('InstagramAdapter', () => {
  let graph: FakeGraphApi;
  let adapter: InstagramAdapter;

  beforeAll(async () => {
    graph = await FakeGraphApi.start({ sendApiTextLimit: { max: 1000, unit: 'utf8-bytes' } });
    adapter = new InstagramAdapter({ graphApiRoot: graph.origin });
  });
  afterEach(() => graph.reset());
  afterAll(() => graph.close());

  it('verifies the signature and answers the handshake like every Meta channel', () => {
    expect(adapter.verify(delivery(instagram(FIXTURES.text)), channel())).toEqual({ ok: true });
    const unsigned = { ...delivery(instagram(FIXTURES.text)), headers: {} };
    expect(adapter.verify(unsigned, channel())).toMatchObject({ ok: false, status: 401 });
    const handshake: RawWebhookRequest = {
      method: 'GET',
      headers: {},
      query: {
        'hub.mode': 'subscribe',
        'hub.verify_token': 'instagram-verify-token',
        'hub.challenge': '15',
      },
      rawBody: Buffer.alloc(0),
    };
    expect(adapter.handshake(handshake, channel())).toEqual({ status: 200, body: '15' });
  });

  it('normalises text, attachments, quick replies and postbacks', () => {
    const parsed = adapter.parse(
      delivery(instagram(FIXTURES.text, FIXTURES.image, FIXTURES.quickReply, FIXTURES.postback)),
      channel(),
    );
    expect(parsed.messages[0]).toEqual({
      platform: 'instagram',
      channelId: 'channel-instagram-1',
      platformMessageId: FIXTURES.text.message.mid,
      externalCustomerId: IGSID,
      customerName: null,
      text: 'Do you ship to Canada?',
      attachments: [],
      sentAt: '2019-09-23T18:14:45.349Z',
      kind: 'message',
    });
    expect(parsed.messages.slice(1).map((m) => [m.kind, m.text, m.attachments])).toEqual([
      [
        'message',
        '',
        [{ type: 'image', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1' }],
      ],
      ['quick_reply', 'Yes', []],
      ['postback', 'Track my order', []],
    ]);
  });

  it('ignores echoes and unsent messages, and records seen receipts by mid', () => {
    const parsed = adapter.parse(
      delivery(instagram(FIXTURES.echo, FIXTURES.deleted, FIXTURES.seen)),
      channel(),
    );
    expect(parsed.messages).toEqual([]);
    expect(parsed.ignored).toBe(2);
    expect(parsed.statuses).toEqual([
      {
        platform: 'instagram',
        channelId: 'channel-instagram-1',
        platformMessageId: 'ig_mid_our_answer_1',
        status: 'read',
        reason: null,
        at: '2019-09-23T18:14:45.800Z',
      },
    ]);
  });

  it('refuses a Messenger payload or a malformed one', () => {
    const page = { object: 'page', entry: [{ id: IG_ID, messaging: [FIXTURES.text] }] };
    expect(() => adapter.parse(delivery(page), channel())).toThrow(/expected object "instagram"/);
    expect(() => adapter.parse(delivery('not json'), channel())).toThrow(WebhookPayloadError);
  });

  it('sends through me/messages, splitting at 1000 bytes of UTF-8 rather than characters', async () => {
    // 1800 characters but 3600 bytes: a character-based split at 1000 would be refused.
    const text = 'Ça coûte très cher. '.repeat(90).trim();
    const result = await adapter.send(
      {
        messageId: 'message-1',
        conversationId: 'conversation-1',
        externalCustomerId: IGSID,
        text,
        attachments: [],
        lastCustomerMessageAt: new Date().toISOString(),
      },
      channel(),
    );
    expect(graph.requests.every((r) => r.nodeId === 'me' && r.status === 200)).toBe(true);
    const parts = graph.delivered.map((b) => (b.message as { text: string }).text);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    parts.forEach((part) => expect(Buffer.byteLength(part)).toBeLessThanOrEqual(1000));
    expect(parts.join(' ')).toBe(text);
    expect(graph.delivered[0]).toMatchObject({
      recipient: { id: IGSID },
      messaging_type: 'RESPONSE',
    });
    expect(result.platformMessageIds).toHaveLength(parts.length);
  });
});
