import type { Attachment, ChannelType } from './domain';

/**
 * The channel adapter contract. Every messaging platform is one adapter behind it: the rest of the
 * system only ever sees `NormalizedInboundMessage`s coming in and `OutboundChannelMessage`s going
 * out, never a platform's own payloads.
 */

/** What kind of customer action produced an inbound message. */
export type InboundKind = 'message' | 'postback' | 'quick_reply' | 'command' | 'edited';

export interface NormalizedInboundMessage {
  platform: Exclude<ChannelType, 'web' | 'email'>;
  /** Our channel id (from the webhook URL). */
  channelId: string;
  /** The platform's id of this message (mid, wamid, update_id…): the deduplication key. */
  platformMessageId: string;
  /** The customer on the platform (PSID, IGSID, wa_id, Telegram chat id, Viber user id). */
  externalCustomerId: string;
  customerName: string | null;
  text: string;
  attachments: Attachment[];
  /** When the platform says the customer sent it (orders messages within a conversation). */
  sentAt: string;
  kind: InboundKind;
  /**
   * The platform's own delivery counter when it has one (Telegram's update_id): orders messages
   * whose `sentAt` is equal, since some platforms stamp them to the second only. Lower first.
   */
  sequenceHint?: number;
}

/** A delivery receipt or failure reported by the platform for one of our messages. */
export interface PlatformStatusUpdate {
  platform: NormalizedInboundMessage['platform'];
  channelId: string;
  /** The platform's id of OUR message, as returned when we sent it. */
  platformMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  reason: string | null;
  at: string;
}

/** What a verified webhook delivery contained. Anything else (echoes, typing…) is only counted. */
export interface ParsedWebhook {
  messages: NormalizedInboundMessage[];
  statuses: PlatformStatusUpdate[];
  /** Events understood but deliberately not acted on (echoes, subscribed/unsubscribed, …). */
  ignored: number;
}

/** A webhook request exactly as received: signatures are computed over the raw bytes. */
export interface RawWebhookRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** A persisted bot or agent message to deliver, with what the platform rules need to know. */
export interface OutboundChannelMessage {
  messageId: string;
  conversationId: string;
  externalCustomerId: string;
  text: string;
  attachments: Attachment[];
  /** When the customer last wrote (WhatsApp's 24-hour customer-service window), if ever. */
  lastCustomerMessageAt: string | null;
  /**
   * How many parts of a split text an earlier attempt already delivered: send only the rest, so
   * a retry never shows the customer a part twice. Absent or 0: send everything.
   */
  deliveredParts?: number;
}

export interface SendResult {
  /** One per platform message sent (a long text may be split into several). */
  platformMessageIds: string[];
}

/** The platform refused for good (bad token, blocked, outside the window): never retried. */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly platformCode: string | null = null,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * Try again later (429, 5xx, network); `retryAfterMs` from the platform when it said.
 * `sentPlatformMessageIds`: parts of a split text that did go out before the failure (the retry
 * skips them, see `OutboundChannelMessage.deliveredParts`).
 */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly sentPlatformMessageIds: string[] = [],
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

/** A channel's stored configuration, decrypted: credentials and platform settings. */
export interface ChannelContext<Settings = Record<string, unknown>> {
  channelId: string;
  workspaceId: string;
  botId: string | null;
  settings: Settings;
  credentials: Record<string, string>;
  webhookSecret: string | null;
}

/** A settings validator; zod schemas satisfy it. */
export interface SettingsSchema<Settings> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: Settings }
    | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };
}

export type VerificationResult = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export interface ChannelAdapter<Settings = Record<string, unknown>> {
  readonly platform: NormalizedInboundMessage['platform'];
  /** Validates `settings` + `credentials` when a channel is created or updated. */
  readonly settingsSchema: SettingsSchema<Settings>;
  readonly credentialsSchema: SettingsSchema<Record<string, string>>;
  /** Answers a platform's subscription handshake (e.g. Meta's hub.challenge), or null if none. */
  handshake?(
    request: RawWebhookRequest,
    channel: ChannelContext<Settings>,
  ): { status: number; body: string } | null;
  /** Called when a channel is connected (e.g. Telegram setWebhook with a secret token). */
  connect?(channel: ChannelContext<Settings>, webhookUrl: string): Promise<void>;
  /** Checks the signature or secret token on the raw body; runs before any parsing. */
  verify(request: RawWebhookRequest, channel: ChannelContext<Settings>): VerificationResult;
  /** Throws `WebhookPayloadError` for malformed JSON or a payload of the wrong shape. */
  parse(request: RawWebhookRequest, channel: ChannelContext<Settings>): ParsedWebhook;
  /** Sends one message in the platform's format, splitting over its length limit. */
  send(message: OutboundChannelMessage, channel: ChannelContext<Settings>): Promise<SendResult>;
}

/** A webhook body we cannot use: answered 400 with the reason, nothing enqueued. */
export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookPayloadError';
  }
}
