/*
 * Bot API `Update` objects shaped as Telegram sends them (https://core.telegram.org/bots/api#update
 * and the webhook examples in https://core.telegram.org/bots/webhooks#testing-your-bot-with-updates).
 */

export interface TelegramCustomer {
  /** In a private chat the chat id is the user id. */
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
}

export const TELEGRAM_CUSTOMER: TelegramCustomer = {
  id: 1111111,
  firstName: 'Test Firstname',
  lastName: 'Test Lastname',
  username: 'Testusername',
};

interface MessageOptions {
  customer?: TelegramCustomer;
  messageId?: number;
  /** Unix seconds, as Telegram stamps messages. */
  date?: number;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

const user = (c: TelegramCustomer) => ({
  id: c.id,
  is_bot: false,
  first_name: c.firstName,
  ...(c.lastName && { last_name: c.lastName }),
  ...(c.username && { username: c.username }),
  language_code: 'en',
});

const privateChat = (c: TelegramCustomer) => ({
  id: c.id,
  first_name: c.firstName,
  ...(c.lastName && { last_name: c.lastName }),
  ...(c.username && { username: c.username }),
  type: 'private',
});

const message = (options: MessageOptions, content: object) => {
  const customer = options.customer ?? TELEGRAM_CUSTOMER;
  return {
    message_id: options.messageId ?? 1365,
    from: user(customer),
    chat: privateChat(customer),
    date: options.date ?? nowSeconds(),
    ...content,
  };
};

export const telegramUpdates = {
  text: (updateId: number, text: string, options: MessageOptions = {}) => ({
    update_id: updateId,
    message: message(options, { text }),
  }),

  /** `/start` and friends: a `bot_command` entity at offset 0. */
  command: (updateId: number, command = '/start', options: MessageOptions = {}) => ({
    update_id: updateId,
    message: message(options, {
      text: command,
      entities: [{ offset: 0, length: command.split(' ')[0].length, type: 'bot_command' }],
    }),
  }),

  /** Telegram sends every size it made of the photo, smallest first. */
  photo: (updateId: number, caption?: string, options: MessageOptions = {}) => ({
    update_id: updateId,
    message: message(options, {
      photo: [
        {
          file_id: 'AgACAgQAAxkBAAIBSmall',
          file_unique_id: 'AQADsmall',
          file_size: 1254,
          width: 90,
          height: 67,
        },
        {
          file_id: 'AgACAgQAAxkBAAIBLarge',
          file_unique_id: 'AQADlarge',
          file_size: 48213,
          width: 800,
          height: 600,
        },
      ],
      ...(caption !== undefined && { caption }),
    }),
  }),

  document: (updateId: number, options: MessageOptions = {}) => ({
    update_id: updateId,
    message: message(options, {
      document: {
        file_name: 'invoice-2041.pdf',
        mime_type: 'application/pdf',
        file_id: 'BQACAgQAAxkBAAIBDocument',
        file_unique_id: 'AgADdocument',
        file_size: 112640,
      },
    }),
  }),

  edited: (
    updateId: number,
    text: string,
    options: MessageOptions & { editDate?: number } = {},
  ) => ({
    update_id: updateId,
    edited_message: {
      ...message(options, { text }),
      edit_date: options.editDate ?? nowSeconds(),
    },
  }),

  /** A sticker: a message the support bot has nothing to do with. */
  sticker: (updateId: number, options: MessageOptions = {}) => ({
    update_id: updateId,
    message: message(options, {
      sticker: {
        width: 512,
        height: 512,
        emoji: '👍',
        is_animated: false,
        is_video: false,
        type: 'regular',
        file_id: 'CAACAgIAAxkBAAIBSticker',
        file_unique_id: 'AgADsticker',
      },
    }),
  }),
};
