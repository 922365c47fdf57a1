import type { ChannelContext, RawWebhookRequest } from '@cxgenie/contracts';
import { signMetaWebhook } from '@cxgenie/testing';
import { WhatsAppAdapter } from './whatsapp.adapter';
import type { WhatsAppSettings } from './whatsapp.schemas';

/*
 * The Cloud API's webhook payload examples (developers.facebook.com, WhatsApp Cloud API,
 * "Webhooks: payload examples"), as printed: placeholders such as "TIMESTAMP" included. Meta
 * retries a delivery not answered 200, so a message we do not take in is counted as ignored, and a
 * value we can do without (a placeholder time) is replaced, not refused.
 */
const PHONE_NUMBER_ID = 'PHONE_NUMBER_ID';
const SECRET = 'whatsapp-app-secret';
const NOW = Date.parse('2025-06-25T12:00:00.000Z');

const channel: ChannelContext<WhatsAppSettings> = {
  channelId: 'channel-whatsapp-1',
  workspaceId: 'w1',
  botId: null,
  settings: {
    phoneNumberId: PHONE_NUMBER_ID,
    wabaId: 'WHATSAPP_BUSINESS_ACCOUNT_ID',
    templateName: 'support_follow_up',
    templateLanguage: 'en_US',
  },
  credentials: { accessToken: 'token', appSecret: SECRET, verifyToken: 'verify' },
  webhookSecret: null,
};

const documented = (value: object) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: 'WHATSAPP_BUSINESS_ACCOUNT_ID', changes: [{ value, field: 'messages' }] }],
});
const METADATA = { display_phone_number: 'PHONE_NUMBER', phone_number_id: PHONE_NUMBER_ID };
const CONTACTS = [{ profile: { name: 'NAME' }, wa_id: 'PHONE_NUMBER' }];
const inbound = (message: object) =>
  documented({
    messaging_product: 'whatsapp',
    metadata: METADATA,
    contacts: CONTACTS,
    messages: [{ from: 'PHONE_NUMBER', id: 'wamid.ID', timestamp: 'TIMESTAMP', ...message }],
  });

const DOCUMENTED = {
  text: inbound({ text: { body: 'MESSAGE_BODY' }, type: 'text' }),
  reaction: inbound({ reaction: { message_id: 'MESSAGE_ID', emoji: 'EMOJI' }, type: 'reaction' }),
  image: inbound({
    type: 'image',
    image: { caption: 'CAPTION', mime_type: 'image/jpeg', sha256: 'IMAGE_HASH', id: 'ID' },
  }),
  sticker: inbound({
    type: 'sticker',
    sticker: { mime_type: 'image/webp', sha256: 'HASH', id: 'ID' },
  }),
  unknown: inbound({
    type: 'unknown',
    errors: [
      {
        code: 131051,
        details: 'Message type is not currently supported',
        title: 'Unsupported message type',
      },
    ],
  }),
  location: inbound({
    type: 'location',
    location: {
      latitude: 37.4848,
      longitude: -122.1484,
      name: 'LOCATION_NAME',
      address: 'LOCATION_ADDRESS',
    },
  }),
  contacts: inbound({
    type: 'contacts',
    contacts: [
      {
        name: { formatted_name: 'NAME', first_name: 'NAME' },
        phones: [{ phone: 'PHONE_NUMBER', type: 'HOME' }],
      },
    ],
  }),
  button: inbound({
    context: { from: 'PHONE_NUMBER', id: 'wamid.ID' },
    type: 'button',
    button: { text: 'No', payload: 'No-Button-Payload' },
  }),
  listReply: inbound({
    type: 'interactive',
    interactive: {
      list_reply: {
        id: 'list_reply_id',
        title: 'list_reply_title',
        description: 'list_reply_description',
      },
      type: 'list_reply',
    },
  }),
  system: inbound({
    system: {
      body: 'NAME changed from PHONE_NUMBER to PHONE_NUMBER',
      wa_id: 'NEW_WA_ID',
      type: 'user_changed_number',
    },
    type: 'system',
  }),
  sentStatus: documented({
    messaging_product: 'whatsapp',
    metadata: METADATA,
    statuses: [
      {
        id: 'WHATSAPP_MESSAGE_ID',
        status: 'sent',
        timestamp: 'TIMESTAMP',
        recipient_id: 'PHONE_NUMBER',
        conversation: {
          id: 'CONVERSATION_ID',
          expiration_timestamp: 'TIMESTAMP',
          origin: { type: 'service' },
        },
        pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
      },
    ],
  }),
};

const delivery = (body: object): RawWebhookRequest => {
  const signed = signMetaWebhook(body, SECRET);
  return { method: 'POST', headers: signed.headers, query: {}, rawBody: signed.rawBody };
};

describe('WhatsAppAdapter: the Cloud API’s example payloads', () => {
  const adapter = new WhatsAppAdapter({ graphApiRoot: 'http://127.0.0.1:9', now: () => NOW });
  const parse = (name: keyof typeof DOCUMENTED) =>
    adapter.parse(delivery(DOCUMENTED[name]), channel);

  it('takes in the text example; a placeholder timestamp becomes the time it arrived', () => {
    expect(parse('text').messages).toEqual([
      expect.objectContaining({
        platformMessageId: 'wamid.ID',
        externalCustomerId: 'PHONE_NUMBER',
        customerName: 'NAME',
        text: 'MESSAGE_BODY',
        sentAt: new Date(NOW).toISOString(),
      }),
    ]);
  });

  it('takes in the image, sticker, location, button and list-reply examples', () => {
    expect(parse('image').messages[0]).toMatchObject({
      text: 'CAPTION',
      attachments: [{ type: 'image', mimeType: 'image/jpeg' }],
    });
    expect(parse('sticker').messages[0]?.attachments).toHaveLength(1);
    expect(parse('location').messages[0]?.attachments[0]).toMatchObject({
      url: 'geo:37.4848,-122.1484',
    });
    expect(parse('button').messages[0]).toMatchObject({ kind: 'quick_reply', text: 'No' });
    expect(parse('listReply').messages[0]).toMatchObject({
      kind: 'quick_reply',
      text: 'list_reply_title',
    });
  });

  it.each(['reaction', 'unknown', 'contacts', 'system'] as const)(
    'accepts the %s example and counts it as ignored',
    (name) => {
      expect(parse(name)).toEqual({ messages: [], statuses: [], ignored: 1 });
    },
  );

  it('records the sent status example with its pricing and conversation', () => {
    expect(parse('sentStatus').statuses).toEqual([
      expect.objectContaining({
        platformMessageId: 'WHATSAPP_MESSAGE_ID',
        status: 'sent',
        at: new Date(NOW).toISOString(),
      }),
    ]);
  });
});
