import type {
  Attachment,
  InboundKind,
  NormalizedInboundMessage,
  ParsedWebhook,
} from '@cxgenie/contracts';
import type { TelegramMessage, TelegramUpdate } from './telegram-update.schema';

/**
 * Telegram files are fetched with the bot token in the URL (`/file/bot<token>/…`), which must not
 * be stored; a message keeps the file id instead, under this scheme.
 */
export const TELEGRAM_FILE_URL_SCHEME = 'telegram-file:';

/**
 * One update in, at most one message out. Only private chats are a customer talking to the
 * business; group chats, and updates other than (edited) messages with text, a photo or a
 * document, are counted as ignored.
 */
export function normalizeTelegramUpdate(update: TelegramUpdate, channelId: string): ParsedWebhook {
  const edited = update.edited_message !== undefined;
  const message = update.message ?? update.edited_message;
  if (!message || !isPrivate(message.chat) || message.from?.is_bot) return ignoredOne();
  const text = message.text ?? message.caption ?? '';
  const attachments = attachmentsOf(message);
  if (text.trim() === '' && attachments.length === 0) return ignoredOne();
  const normalized: NormalizedInboundMessage = {
    platform: 'telegram',
    channelId,
    // update_id is unique per bot and increasing: the dedupe key and the tie-breaker in one.
    platformMessageId: String(update.update_id),
    externalCustomerId: String(message.chat.id),
    customerName: nameOf(message),
    text,
    attachments,
    // An edit is what the customer said at edit time.
    sentAt: new Date((message.edit_date ?? message.date) * 1000).toISOString(),
    kind: edited ? 'edited' : kindOf(message),
    sequenceHint: update.update_id,
  };
  return { messages: [normalized], statuses: [], ignored: 0 };
}

/** Groups and channels have negative ids; a chat without a type is private when positive. */
const isPrivate = (chat: TelegramMessage['chat']): boolean =>
  chat.type === undefined ? chat.id > 0 : chat.type === 'private';

const ignoredOne = (): ParsedWebhook => ({ messages: [], statuses: [], ignored: 1 });

function kindOf(message: TelegramMessage): InboundKind {
  const command = message.entities?.some((e) => e.type === 'bot_command' && e.offset === 0);
  return command ? 'command' : 'message';
}

function nameOf(message: TelegramMessage): string | null {
  const person = message.from ?? message.chat;
  const name = [person.first_name, person.last_name].filter(Boolean).join(' ').trim();
  return name || person.username || null;
}

function attachmentsOf(message: TelegramMessage): Attachment[] {
  const attachments: Attachment[] = [];
  if (message.photo) {
    // Telegram sends every size it made; the last is the largest.
    const largest = message.photo[message.photo.length - 1];
    attachments.push({
      type: 'image',
      url: `${TELEGRAM_FILE_URL_SCHEME}${largest.file_id}`,
      ...(largest.file_size !== undefined && { sizeBytes: largest.file_size }),
    });
  }
  if (message.document) {
    const { file_id, file_name, mime_type, file_size } = message.document;
    attachments.push({
      type: mime_type?.startsWith('image/') ? 'image' : 'file',
      url: `${TELEGRAM_FILE_URL_SCHEME}${file_id}`,
      ...(file_name !== undefined && { name: file_name }),
      ...(mime_type !== undefined && { mimeType: mime_type }),
      ...(file_size !== undefined && { sizeBytes: file_size }),
    });
  }
  return attachments;
}
