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
import { verifyHmacSha256 } from '../shared/signature';
import { splitText } from '../shared/split-text';
import { parseJsonBody, parseWithSchema } from '../shared/webhook-payload';
import { ViberApiClient } from './viber-api.client';
import { normalizeViberMessage, normalizeViberReceipt } from './normalize-viber-callback';
import {
  VIBER_RECEIPT_EVENTS,
  viberMessageEventSchema,
  viberOtherEventSchema,
  viberReceiptEventSchema,
} from './viber-event.schema';
import { VIBER_CHANNEL_SCHEMAS, type ViberSettings } from './viber.schemas';

/** send_message's text limit. */
export const VIBER_MAX_TEXT_LENGTH = 7000;
export const VIBER_SIGNATURE_HEADER = 'x-viber-content-signature';
/** What set_webhook subscribes to: receipts and subscriptions (messages always come). */
export const VIBER_EVENT_TYPES = [
  'delivered',
  'seen',
  'failed',
  'subscribed',
  'unsubscribed',
  'conversation_started',
] as const;
const DEFAULT_SENDER_NAME = 'Support';

export interface ViberAdapterOptions {
  apiRoot: string;
  requestTimeoutMs?: number;
}

type OutgoingPart =
  | { type: 'text'; text: string }
  | { type: 'picture'; text: string; media: string };

/**
 * Viber's REST bot API: callbacks signed with HMAC-SHA256 of the body under the auth token
 * (`X-Viber-Content-Signature`, hex), `send_message` with the token in `X-Viber-Auth-Token`.
 * Viber reports errors as a `status` in a 200 body, and message tokens as 64-bit integers, which
 * are read as strings so that no two messages ever share an id.
 */
export class ViberAdapter implements ChannelAdapter<ViberSettings> {
  readonly platform = 'viber' as const;
  readonly settingsSchema = VIBER_CHANNEL_SCHEMAS.settings;
  readonly credentialsSchema = VIBER_CHANNEL_SCHEMAS.credentials;
  private readonly api: ViberApiClient;

  constructor(options: ViberAdapterOptions) {
    this.api = new ViberApiClient({
      apiRoot: options.apiRoot,
      timeoutMs: options.requestTimeoutMs,
    });
  }

  async connect(channel: ChannelContext<ViberSettings>, webhookUrl: string): Promise<void> {
    await this.api.call(this.authToken(channel), 'set_webhook', {
      url: webhookUrl,
      event_types: [...VIBER_EVENT_TYPES],
      send_name: true,
      send_photo: false,
    });
  }

  verify(request: RawWebhookRequest, channel: ChannelContext<ViberSettings>): VerificationResult {
    return verifyHmacSha256(request, {
      header: VIBER_SIGNATURE_HEADER,
      key: channel.credentials['authToken'],
    });
  }

  parse(request: RawWebhookRequest, channel: ChannelContext<ViberSettings>): ParsedWebhook {
    const body = parseJsonBody(request.rawBody, { bigIntegerFields: ['message_token'] });
    const event =
      typeof body === 'object' && body !== null ? Reflect.get(body, 'event') : undefined;
    // Routed on `event` first, so a malformed message is reported as one.
    if (event === 'message') {
      const callback = parseWithSchema(viberMessageEventSchema, body, 'viber message callback');
      return normalizeViberMessage(callback, channel.channelId);
    }
    if (VIBER_RECEIPT_EVENTS.includes(event)) {
      const callback = parseWithSchema(viberReceiptEventSchema, body, 'viber receipt callback');
      return normalizeViberReceipt(callback, channel.channelId);
    }
    // subscribed, unsubscribed, conversation_started, the set_webhook check, client_status…
    parseWithSchema(viberOtherEventSchema, body, 'viber callback');
    return { messages: [], statuses: [], ignored: 1 };
  }

  async send(
    message: OutboundChannelMessage,
    channel: ChannelContext<ViberSettings>,
  ): Promise<SendResult> {
    const authToken = this.authToken(channel);
    const sender = {
      name: channel.settings.senderName ?? DEFAULT_SENDER_NAME,
      ...(channel.settings.senderAvatar && { avatar: channel.settings.senderAvatar }),
    };
    const parts: OutgoingPart[] = [
      ...splitText(message.text, VIBER_MAX_TEXT_LENGTH).map((text) => ({
        type: 'text' as const,
        text,
      })),
      ...message.attachments.map(
        (a): OutgoingPart =>
          a.type === 'image'
            ? { type: 'picture', text: '', media: a.url }
            : { type: 'text', text: a.name ? `${a.name}: ${a.url}` : a.url },
      ),
    ];
    if (parts.length === 0) {
      throw new PermanentDeliveryError('the message has neither text nor attachments', 'empty');
    }
    return sendParts(parts, message.deliveredParts ?? 0, async (part) => {
      const reply = await this.api.call(authToken, 'send_message', {
        receiver: message.externalCustomerId,
        min_api_version: 1,
        sender,
        ...part,
      });
      if (!reply.message_token) throw new PermanentDeliveryError('Viber returned no message_token');
      return reply.message_token;
    });
  }

  private authToken(channel: ChannelContext<ViberSettings>): string {
    const token = channel.credentials['authToken'];
    if (!token) throw new PermanentDeliveryError('the channel has no auth token', 'no_credentials');
    return token;
  }
}
