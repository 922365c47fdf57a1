import { Telegraf } from 'telegraf';
import {
  type ChannelAdapter,
  type ChannelContext,
  type OutboundChannelMessage,
  PermanentDeliveryError,
  type ParsedWebhook,
  type RawWebhookRequest,
  type SendResult,
  type VerificationResult,
} from '@cxgenie/contracts';
import { sendParts } from '../shared/send-parts';
import { VERIFIED, headerValue, rejected, safeEqual } from '../shared/signature';
import { splitText } from '../shared/split-text';
import { parseJsonBody, parseWithSchema } from '../shared/webhook-payload';
import { normalizeTelegramUpdate } from './normalize-telegram-update';
import { telegramDeliveryError } from './telegram-delivery-error';
import { TELEGRAM_CHANNEL_SCHEMAS, type TelegramSettings } from './telegram.schemas';
import { telegramUpdateSchema } from './telegram-update.schema';

/** sendMessage's limit, in UTF-16 code units of the text as sent. */
export const TELEGRAM_MAX_TEXT_LENGTH = 4096;
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** The updates a support bot needs; Telegram sends nothing else, which keeps webhooks quiet. */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'edited_message'] as const;

export interface TelegramAdapterOptions {
  /** Bot API origin: https://api.telegram.org, or a local server speaking the Bot API. */
  apiRoot: string;
  /** Per Bot API call; telegraf's own default is minutes. */
  requestTimeoutMs?: number;
}

const MAX_CACHED_CLIENTS = 1_000;

/** A text part of a split message, or an attachment sent by URL (the Bot API fetches it). */
type OutgoingPart =
  | { kind: 'text'; text: string }
  | { kind: 'attachment'; attachment: OutboundChannelMessage['attachments'][number] };

/**
 * Telegram through `telegraf` in webhook mode: `setWebhook` with a `secret_token` when the
 * channel is connected, that token checked on every update, replies with `sendMessage`.
 *
 * Replies are sent as plain text, without `parse_mode`: an answer is free text (from a model or an
 * agent) and would otherwise have to be escaped for MarkdownV2, where one missed `.` or `-` makes
 * Telegram refuse the whole message. Plain text shows exactly what was written.
 */
export class TelegramAdapter implements ChannelAdapter<TelegramSettings> {
  readonly platform = 'telegram' as const;
  readonly settingsSchema = TELEGRAM_CHANNEL_SCHEMAS.settings;
  readonly credentialsSchema = TELEGRAM_CHANNEL_SCHEMAS.credentials;
  private readonly clients = new Map<string, Telegraf>();

  constructor(private readonly options: TelegramAdapterOptions) {}

  async connect(channel: ChannelContext<TelegramSettings>, webhookUrl: string): Promise<void> {
    if (!channel.webhookSecret) throw new Error('the channel has no webhook secret to register');
    try {
      await this.client(channel).telegram.setWebhook(webhookUrl, {
        secret_token: channel.webhookSecret,
        allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
      });
    } catch (error) {
      throw telegramDeliveryError(error);
    }
  }

  verify(
    request: RawWebhookRequest,
    channel: ChannelContext<TelegramSettings>,
  ): VerificationResult {
    const token = headerValue(request.headers, TELEGRAM_SECRET_HEADER);
    if (!token) return rejected(401, `missing ${TELEGRAM_SECRET_HEADER} header`);
    if (!channel.webhookSecret) return rejected(403, 'channel has no webhook secret');
    return safeEqual(token, channel.webhookSecret)
      ? VERIFIED
      : rejected(403, `${TELEGRAM_SECRET_HEADER} does not match the channel's secret`);
  }

  parse(request: RawWebhookRequest, channel: ChannelContext<TelegramSettings>): ParsedWebhook {
    const update = parseWithSchema(
      telegramUpdateSchema,
      parseJsonBody(request.rawBody),
      'telegram update',
    );
    return normalizeTelegramUpdate(update, channel.channelId);
  }

  async send(
    message: OutboundChannelMessage,
    channel: ChannelContext<TelegramSettings>,
  ): Promise<SendResult> {
    const { telegram } = this.client(channel);
    const chat_id = message.externalCustomerId;
    const parts: OutgoingPart[] = [
      ...splitText(message.text, TELEGRAM_MAX_TEXT_LENGTH).map((text) => ({
        kind: 'text' as const,
        text,
      })),
      ...message.attachments.map((attachment) => ({ kind: 'attachment' as const, attachment })),
    ];
    if (parts.length === 0) {
      throw new PermanentDeliveryError('the message has neither text nor attachments', 'empty');
    }
    return sendParts(parts, message.deliveredParts ?? 0, async (part) => {
      try {
        const sent =
          part.kind === 'text'
            ? await telegram.callApi('sendMessage', { chat_id, text: part.text }, this.call())
            : part.attachment.type === 'image'
              ? await telegram.callApi(
                  'sendPhoto',
                  { chat_id, photo: part.attachment.url },
                  this.call(),
                )
              : await telegram.callApi(
                  'sendDocument',
                  { chat_id, document: part.attachment.url },
                  this.call(),
                );
        // message_id is unique within a chat only; with the chat it is unique for the bot, and
        // the colon keeps it apart from the update ids inbound messages are stored under.
        return `${chat_id}:${sent.message_id}`;
      } catch (error) {
        throw telegramDeliveryError(error);
      }
    });
  }

  private call(): { signal: never } {
    const signal = AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000);
    // telegraf types its option with the abort-controller polyfill; node-fetch accepts Node's own.
    return { signal: signal as never };
  }

  private client(channel: ChannelContext<TelegramSettings>): Telegraf {
    const token = channel.credentials['botToken'];
    if (!token) throw new PermanentDeliveryError('the channel has no bot token', 'no_credentials');
    let client = this.clients.get(token);
    if (!client) {
      if (this.clients.size >= MAX_CACHED_CLIENTS) this.clients.clear();
      client = new Telegraf(token, {
        telegram: { apiRoot: this.options.apiRoot, webhookReply: false },
      });
      this.clients.set(token, client);
    }
    return client;
  }
}
