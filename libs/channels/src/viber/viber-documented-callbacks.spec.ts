import type { ChannelContext, RawWebhookRequest } from '@cxgenie/contracts';
import { signViberBody } from '@cxgenie/testing';
import { VIBER_SIGNATURE_HEADER, ViberAdapter } from './viber.adapter';

/*
 * The callbacks of Viber's REST Bot API reference (developers.viber.com/docs/api/rest-bot-api,
 * "Callbacks"), as printed there; the 64-bit message tokens stay raw in the JSON. A callback we do
 * not act on must still be answered 200: Viber retries anything else.
 */
const USER = {
  id: '01234567890A=',
  name: 'John McClane',
  avatar: 'http://avatar.example.com',
  country: 'UK',
  language: 'en',
  api_version: 1,
};
const DOCUMENTED: Record<string, string> = {
  message: `{"event":"message","timestamp":1457764197627,"message_token":4912661846655238145,"sender":${JSON.stringify(USER)},"message":{"type":"text","text":"a message to the service","media":"http://example.com","location":{"lat":50.76891,"lon":6.11499},"tracking_data":"tracking data"}}`,
  subscribed: `{"event":"subscribed","timestamp":1457764197627,"user":${JSON.stringify(USER)},"message_token":4912661846655238145}`,
  unsubscribed: `{"event":"unsubscribed","timestamp":1457764197627,"user_id":"01234567890A=","message_token":4912661846655238145}`,
  conversationStarted: `{"event":"conversation_started","timestamp":1457764197627,"message_token":4912661846655238145,"type":"open","context":"context information","user":${JSON.stringify(USER)},"subscribed":false}`,
  webhook: `{"event":"webhook","timestamp":1457764197627,"chat_hostname":"SN-376_","message_token":241256543215}`,
  delivered: `{"event":"delivered","timestamp":1457764197627,"message_token":4912661846655238145,"user_id":"01234567890A="}`,
  seen: `{"event":"seen","timestamp":1457764197627,"message_token":4912661846655238145,"user_id":"01234567890A="}`,
  failed: `{"event":"failed","timestamp":1457764197627,"message_token":4912661846655238145,"user_id":"01234567890A=","desc":"failure description"}`,
  // Message types as the reference lists them; a location's coordinates also come as strings.
  location: `{"event":"message","timestamp":1457764197627,"message_token":4912661846655238146,"sender":{"id":"01234567890A="},"message":{"type":"location","location":{"lat":"50.76891","lon":"6.11499"}}}`,
  contact: `{"event":"message","timestamp":1457764197627,"message_token":4912661846655238147,"sender":{"id":"01234567890A="},"message":{"type":"contact","contact":{"name":"Itamar","phone_number":"+972511123123"}}}`,
  sticker: `{"event":"message","timestamp":1457764197627,"message_token":4912661846655238148,"sender":{"id":"01234567890A="},"message":{"type":"sticker","sticker_id":46105}}`,
  file: `{"event":"message","timestamp":1457764197627,"message_token":4912661846655238149,"sender":{"id":"01234567890A="},"message":{"type":"file","media":"http://www.images.com/file.doc","size":10000,"file_name":"name_of_file.doc"}}`,
};

const TOKEN = 'viber-auth-token';
const channel: ChannelContext = {
  channelId: 'c2a1b2c3-0000-4000-8000-000000000002',
  workspaceId: 'w1',
  botId: 'b1',
  settings: {},
  credentials: { authToken: TOKEN },
  webhookSecret: null,
};
const signed = (body: string): RawWebhookRequest => ({
  method: 'POST',
  headers: { [VIBER_SIGNATURE_HEADER]: signViberBody(body, TOKEN) },
  query: {},
  rawBody: Buffer.from(body),
});

describe('ViberAdapter: the reference’s example callbacks', () => {
  const adapter = new ViberAdapter({ apiRoot: 'http://127.0.0.1:9' });
  const parse = (name: string) => adapter.parse(signed(DOCUMENTED[name]!), channel);

  it('takes in the message callback with its exact token and the sender as the customer', () => {
    expect(parse('message').messages).toEqual([
      expect.objectContaining({
        platformMessageId: '4912661846655238145',
        externalCustomerId: '01234567890A=',
        customerName: 'John McClane',
        text: 'a message to the service',
      }),
    ]);
  });

  it('takes in a location given as strings and a file with its name and size', () => {
    expect(parse('location').messages[0]?.attachments).toEqual([
      { type: 'location', url: 'geo:50.76891,6.11499' },
    ]);
    expect(parse('file').messages[0]?.attachments).toEqual([
      {
        type: 'file',
        url: 'http://www.images.com/file.doc',
        name: 'name_of_file.doc',
        sizeBytes: 10000,
      },
    ]);
  });

  it('turns delivered, seen and failed into statuses', () => {
    expect(['delivered', 'seen', 'failed'].map((name) => parse(name).statuses[0]?.status)).toEqual([
      'delivered',
      'read',
      'failed',
    ]);
    expect(parse('failed').statuses[0]?.reason).toBe('failure description');
  });

  it.each(['subscribed', 'unsubscribed', 'conversationStarted', 'webhook', 'contact', 'sticker'])(
    'accepts the %s callback and counts it as ignored',
    (name) => {
      expect(parse(name)).toEqual({ messages: [], statuses: [], ignored: 1 });
    },
  );

  it('accepts a receipt without the user id it does not need', () => {
    const receipt = `{"event":"seen","timestamp":1457764197627,"message_token":4912661846655238145}`;
    expect(adapter.parse(signed(receipt), channel).statuses).toHaveLength(1);
  });
});
