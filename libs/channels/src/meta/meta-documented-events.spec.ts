import type { ChannelContext, RawWebhookRequest } from '@cxgenie/contracts';
import { signMetaWebhook } from '@cxgenie/testing';
import { InstagramAdapter } from '../instagram/instagram.adapter';
import type { InstagramSettings } from '../instagram/instagram.schemas';
import { MessengerAdapter } from '../messenger/messenger.adapter';
import type { MessengerSettings } from '../messenger/messenger.schemas';

/*
 * Events of the Messenger Platform and Instagram Messaging webhook references (developers
 * .facebook.com, "Webhook events": messages, messaging_optins, message_reactions,
 * messaging_referrals, message_reads/deliveries, messaging_seen), in the shapes printed there. Meta
 * retries a delivery not answered 200 and disables a webhook that keeps failing, so an event we do
 * not act on, or cannot tie to a customer, is counted as ignored, never refused.
 */
const PAGE_ID = '106403224510948';
const PSID = '6945520952144011';
const IG_ID = '17841405822304914';
const IGSID = '1914267468938223';
const SECRET = 'meta-app-secret';

const credentials = { pageAccessToken: 'token', appSecret: SECRET, verifyToken: 'verify' };
const messenger: ChannelContext<MessengerSettings> = {
  channelId: 'channel-messenger-1',
  workspaceId: 'w1',
  botId: null,
  settings: { pageId: PAGE_ID },
  credentials,
  webhookSecret: null,
};
const instagram: ChannelContext<InstagramSettings> = {
  ...messenger,
  channelId: 'channel-instagram-1',
  settings: { igUserId: IG_ID },
} as ChannelContext<InstagramSettings>;

const delivery = (body: object): RawWebhookRequest => {
  const signed = signMetaWebhook(body, SECRET);
  return { method: 'POST', headers: signed.headers, query: {}, rawBody: signed.rawBody };
};
const page = (...messaging: object[]) => ({
  object: 'page',
  entry: [{ id: PAGE_ID, time: 1458692752478, messaging }],
});
const igAccount = (...messaging: object[]) => ({
  object: 'instagram',
  entry: [{ id: IG_ID, time: 1569262486134, messaging }],
});
const fromPsid = { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 1458692752478 };
const fromIgsid = { sender: { id: IGSID }, recipient: { id: IG_ID }, timestamp: 1569262485349 };

const MESSENGER_EVENTS = {
  // Checkbox plugin opt-in: the person is known only by a user_ref, no PSID yet.
  optinWithUserRef: {
    sender: { user_ref: '<REF_FROM_CHECKBOX_PLUGIN>' },
    recipient: { id: PAGE_ID },
    timestamp: 1234567890,
    optin: { ref: '<PASS_THROUGH_PARAM>', user_ref: '<REF_FROM_CHECKBOX_PLUGIN>' },
  },
  // A message sent from the Chat Plugin by a guest: only a user_ref.
  guestMessage: {
    sender: { user_ref: '<USER_REF>' },
    recipient: { id: PAGE_ID },
    timestamp: 1458692752478,
    message: { mid: 'm_guest', text: 'hello as a guest' },
  },
  reaction: {
    ...fromPsid,
    reaction: { mid: 'm_1457764197618', action: 'react', emoji: '\u2764\uFE0F', reaction: 'love' },
  },
  referral: {
    ...fromPsid,
    referral: { ref: 'summer-ad', source: 'ADS', type: 'OPEN_THREAD', ad_id: '6045246247433' },
  },
  readWithWatermark: { ...fromPsid, read: { watermark: 1458668856253 } },
  fallbackAttachment: {
    ...fromPsid,
    message: {
      mid: 'm_fallback',
      text: 'https://example.com/story',
      attachments: [
        {
          type: 'fallback',
          payload: null,
          title: 'A shared story',
          URL: 'https://example.com/story',
        },
      ],
    },
  },
  replyTo: {
    ...fromPsid,
    message: { mid: 'm_reply', text: 'this one', reply_to: { mid: 'm_earlier' } },
  },
};

const INSTAGRAM_EVENTS = {
  text: { ...fromIgsid, message: { mid: 'aWdfZAG1faXRlbTox', text: 'Is this in stock?' } },
  storyMention: {
    ...fromIgsid,
    message: {
      mid: 'aWdfZAG1faXRlbToy',
      attachments: [{ type: 'story_mention', payload: { url: 'https://lookaside.example/story' } }],
    },
  },
  storyReply: {
    ...fromIgsid,
    message: {
      mid: 'aWdfZAG1faXRlbToz',
      text: 'Love it',
      reply_to: { story: { url: 'https://lookaside.example/story', id: '17920000000000000' } },
    },
  },
  reaction: {
    ...fromIgsid,
    reaction: { mid: 'aWdfZAG1faXRlbTox', action: 'react', reaction: 'love', emoji: '\u2764' },
  },
  seen: { ...fromIgsid, read: { mid: 'aWdfZAG1faXRlbTox' } },
};

describe('Meta messaging adapters: the references’ example events', () => {
  const messengerAdapter = new MessengerAdapter({ graphApiRoot: 'http://127.0.0.1:9' });
  const instagramAdapter = new InstagramAdapter({ graphApiRoot: 'http://127.0.0.1:9' });
  const onMessenger = (event: object) => messengerAdapter.parse(delivery(page(event)), messenger);
  const onInstagram = (event: object) =>
    instagramAdapter.parse(delivery(igAccount(event)), instagram);

  it('counts a Messenger opt-in and a guest message known only by user_ref as ignored', () => {
    expect(onMessenger(MESSENGER_EVENTS.optinWithUserRef)).toEqual({
      messages: [],
      statuses: [],
      ignored: 1,
    });
    expect(onMessenger(MESSENGER_EVENTS.guestMessage)).toEqual({
      messages: [],
      statuses: [],
      ignored: 1,
    });
  });

  it.each(['reaction', 'referral', 'readWithWatermark'] as const)(
    'accepts the Messenger %s event and counts it as ignored',
    (name) => {
      expect(onMessenger(MESSENGER_EVENTS[name]).ignored).toBe(1);
    },
  );

  it('takes in a message with a fallback attachment, and a reply, by their text', () => {
    expect(onMessenger(MESSENGER_EVENTS.fallbackAttachment).messages).toEqual([
      expect.objectContaining({
        platformMessageId: 'm_fallback',
        text: 'https://example.com/story',
      }),
    ]);
    expect(onMessenger(MESSENGER_EVENTS.replyTo).messages).toEqual([
      expect.objectContaining({ platformMessageId: 'm_reply', text: 'this one' }),
    ]);
  });

  it('takes in Instagram text, story mentions and story replies from the customer', () => {
    expect(onInstagram(INSTAGRAM_EVENTS.text).messages[0]).toMatchObject({
      externalCustomerId: IGSID,
      text: 'Is this in stock?',
    });
    expect(onInstagram(INSTAGRAM_EVENTS.storyMention).messages[0]?.attachments).toEqual([
      { type: 'file', url: 'https://lookaside.example/story' },
    ]);
    expect(onInstagram(INSTAGRAM_EVENTS.storyReply).messages[0]).toMatchObject({ text: 'Love it' });
  });

  it('accepts Instagram reactions as ignored and seen receipts as statuses', () => {
    expect(onInstagram(INSTAGRAM_EVENTS.reaction).ignored).toBe(1);
    expect(onInstagram(INSTAGRAM_EVENTS.seen).statuses).toEqual([
      expect.objectContaining({ platformMessageId: 'aWdfZAG1faXRlbTox', status: 'read' }),
    ]);
  });
});
