import type {
  ChannelAdapter,
  ChannelContext,
  OutboundChannelMessage,
  ParsedWebhook,
  RawWebhookRequest,
  SendResult,
  VerificationResult,
} from '@cxgenie/contracts';
import type { GraphApiClient } from '../meta/graph-api.client';
import { graphApiClientFor, type MetaAdapterOptions } from '../meta/meta-adapter-options';
import { pageCredentialsSchema, requiredCredential } from '../meta/meta-credentials.schema';
import { answerMetaHandshake } from '../meta/meta-handshake';
import { verifyMetaSignature } from '../meta/meta-signature';
import { parseMessagingWebhook } from '../meta/messaging-events.parser';
import { messagingWebhookSchema } from '../meta/messaging-events.schema';
import { sendViaSendApi } from '../meta/send-api';
import { utf8Bytes } from '../meta/split-text';
import { parseWebhookJson } from '../meta/webhook-json';
import { type InstagramSettings, instagramSettingsSchema } from './instagram.schemas';

/** Instagram refuses `message.text` over 1000 bytes of UTF-8 (not characters). */
export const INSTAGRAM_TEXT_LIMIT_BYTES = 1000;

const webhookSchema = messagingWebhookSchema('instagram');

/**
 * Instagram Direct through the Messenger Platform: `object: instagram` webhooks in, Send API out.
 * Sends go to `me/messages`, which the Page token resolves to the Page linked to the account.
 */
export class InstagramAdapter implements ChannelAdapter<InstagramSettings> {
  readonly platform = 'instagram' as const;
  readonly settingsSchema = instagramSettingsSchema;
  readonly credentialsSchema = pageCredentialsSchema;
  private readonly graph: GraphApiClient;

  constructor(options: MetaAdapterOptions = {}) {
    this.graph = graphApiClientFor(options);
  }

  handshake(request: RawWebhookRequest, channel: ChannelContext<InstagramSettings>) {
    return answerMetaHandshake(request, channel.credentials.verifyToken);
  }

  verify(
    request: RawWebhookRequest,
    channel: ChannelContext<InstagramSettings>,
  ): VerificationResult {
    return verifyMetaSignature(request, channel.credentials.appSecret);
  }

  parse(request: RawWebhookRequest, channel: ChannelContext<InstagramSettings>): ParsedWebhook {
    return parseMessagingWebhook(parseWebhookJson(request.rawBody, webhookSchema), {
      platform: 'instagram',
      channelId: channel.channelId,
      accountId: channel.settings.igUserId,
    });
  }

  async send(
    message: OutboundChannelMessage,
    channel: ChannelContext<InstagramSettings>,
  ): Promise<SendResult> {
    return sendViaSendApi(this.graph, message, {
      path: 'me/messages',
      accessToken: requiredCredential(channel.credentials, 'pageAccessToken'),
      textLimit: INSTAGRAM_TEXT_LIMIT_BYTES,
      measure: utf8Bytes,
    });
  }
}
