import type { ChannelContext, RawWebhookRequest } from '@cxgenie/contracts';
import { TELEGRAM_SECRET_HEADER, TelegramAdapter } from './telegram.adapter';

/*
 * The example updates of Telegram's own webhook guide ("Testing your bot with updates",
 * core.telegram.org/bots/webhooks), as the guide prints them: no `is_bot`, a chat without
 * `type`, a document without `file_unique_id`. Telegram retries whatever is not answered 2xx, so
 * a payload we cannot use must be ignored, never refused.
 */
const test = {
  last_name: 'Test Lastname',
  id: 1111111,
  first_name: 'Test Firstname',
  username: 'Testusername',
};
const privateChat = { ...test, type: 'private' };
const base = { date: 1441645532, chat: privateChat, message_id: 1365, from: test };

const DOCUMENTED = {
  textWithoutChatType: {
    update_id: 10000,
    message: {
      date: 1441645532,
      chat: { last_name: 'Test Lastname', id: 1111111, first_name: 'Test', username: 'Test' },
      message_id: 1365,
      from: { last_name: 'Test Lastname', id: 1111111, first_name: 'Test', username: 'Test' },
      text: '/start',
    },
  },
  text: { update_id: 10000, message: { ...base, text: '/start' } },
  forwarded: {
    update_id: 10000,
    message: {
      ...base,
      forward_from: { last_name: 'Forward Lastname', id: 222222, first_name: 'Forward Firstname' },
      forward_date: 1441645550,
      text: '/start',
    },
  },
  forwardedFromChannel: {
    update_id: 10000,
    message: {
      ...base,
      forward_from: { id: -10000000000, type: 'channel', title: 'Test channel' },
      forward_date: 1441645550,
      text: '/start',
    },
  },
  reply: {
    update_id: 10000,
    message: {
      ...base,
      text: '/start',
      reply_to_message: {
        date: 1441645000,
        chat: {
          last_name: 'Reply Lastname',
          type: 'private',
          id: 1111112,
          first_name: 'Reply Firstname',
          username: 'Testusername',
        },
        message_id: 1334,
        text: 'Original',
      },
    },
  },
  edited: {
    update_id: 10000,
    edited_message: { ...base, text: 'Edited text', edit_date: 1441646600 },
  },
  entities: {
    update_id: 10000,
    message: {
      ...base,
      text: 'Bold and italics',
      entities: [
        { type: 'italic', offset: 9, length: 7 },
        { type: 'bold', offset: 0, length: 4 },
      ],
    },
  },
  audio: {
    update_id: 10000,
    message: {
      ...base,
      audio: {
        file_id: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX',
        duration: 243,
        mime_type: 'audio/mpeg',
        file_size: 3897500,
        title: 'Test music file',
      },
    },
  },
  voice: {
    update_id: 10000,
    message: {
      ...base,
      voice: {
        file_id: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX',
        duration: 5,
        mime_type: 'audio/ogg',
        file_size: 23000,
      },
    },
  },
  document: {
    update_id: 10000,
    message: {
      ...base,
      document: {
        file_id: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX',
        file_name: 'Testfile.pdf',
        mime_type: 'application/pdf',
        file_size: 536392,
      },
    },
  },
  inlineQuery: {
    update_id: 10000,
    inline_query: {
      id: 134567890097,
      from: { ...test, type: 'private' },
      query: 'inline query',
      offset: '',
    },
  },
  chosenInlineResult: {
    update_id: 10000,
    chosen_inline_result: {
      result_id: '12',
      from: { ...test, type: 'private' },
      query: 'inline query',
      inline_message_id: '1234csdbsk4839',
    },
  },
  callbackQuery: {
    update_id: 10000,
    callback_query: {
      id: '4382bfdwdsb323b2d9',
      from: { ...test, type: 'private' },
      data: 'Data from button callback',
      inline_message_id: '1234csdbsk4839',
    },
  },
};

const channel: ChannelContext = {
  channelId: 'c1a1b2c3-0000-4000-8000-000000000001',
  workspaceId: 'w1',
  botId: 'b1',
  settings: {},
  credentials: { botToken: '123456:test' },
  webhookSecret: 'whs_secret',
};

const webhook = (body: unknown): RawWebhookRequest => ({
  method: 'POST',
  headers: { [TELEGRAM_SECRET_HEADER]: 'whs_secret' },
  query: {},
  rawBody: Buffer.from(JSON.stringify(body)),
});

describe('TelegramAdapter: the webhook guide’s example updates', () => {
  const adapter = new TelegramAdapter({ apiRoot: 'http://127.0.0.1:9' });
  const parse = (body: unknown) => adapter.parse(webhook(body), channel);

  it('takes in the text message without `is_bot` or a chat type as the customer’s message', () => {
    expect(parse(DOCUMENTED.textWithoutChatType).messages).toEqual([
      expect.objectContaining({
        platformMessageId: '10000',
        externalCustomerId: '1111111',
        customerName: 'Test Test Lastname',
        text: '/start',
        sentAt: '2015-09-07T17:05:32.000Z',
      }),
    ]);
  });

  it.each(['text', 'forwarded', 'forwardedFromChannel', 'reply', 'entities'] as const)(
    'takes in the %s example',
    (name) => {
      const { messages } = parse(DOCUMENTED[name]);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ externalCustomerId: '1111111', kind: 'message' });
    },
  );

  it('takes in the edited message, stamped with its edit time', () => {
    expect(parse(DOCUMENTED.edited).messages).toEqual([
      expect.objectContaining({
        kind: 'edited',
        text: 'Edited text',
        sentAt: new Date(1441646600_000).toISOString(),
      }),
    ]);
  });

  it('takes in the document without `file_unique_id` as a file attachment', () => {
    expect(parse(DOCUMENTED.document).messages[0]?.attachments).toEqual([
      {
        type: 'file',
        url: 'telegram-file:AwADBAADbXXXXXXXXXXXGBdhD2l6_XX',
        name: 'Testfile.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 536392,
      },
    ]);
  });

  it.each(['audio', 'voice', 'inlineQuery', 'chosenInlineResult', 'callbackQuery'] as const)(
    'accepts the %s example and counts it as ignored',
    (name) => {
      expect(parse(DOCUMENTED[name])).toEqual({ messages: [], statuses: [], ignored: 1 });
    },
  );

  it('ignores a message from a bot, and one in a chat without a type that is not a person’s', () => {
    const fromBot = {
      update_id: 10001,
      message: { ...base, from: { ...test, is_bot: true }, text: 'hi' },
    };
    expect(parse(fromBot).ignored).toBe(1);
    const group = {
      update_id: 10002,
      message: { ...base, chat: { id: -1001234, title: 'Shop fans' }, text: 'hi' },
    };
    expect(parse(group).ignored).toBe(1);
  });
});
