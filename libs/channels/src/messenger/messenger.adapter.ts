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
import { utf16Length } from '../meta/split-text';
import { parseWebhookJson } from '../meta/webhook-json';
import { type MessengerSettings, messengerSettingsSchema } from './messenger.schemas';

/** Messenger's Send API refuses `message.text` longer than 2000 characters. */
export const MESSENGER_TEXT_LIMIT = 2000;

const webhookSchema = messagingWebhookSchema('page');

/** Facebook Messenger through the Messenger Platform: Page webhooks in, Send API out. */
export class MessengerAdapter implements ChannelAdapter<MessengerSettings> {
  readonly platform = 'messenger' as const;
  readonly settingsSchema = messengerSettingsSchema;
  readonly credentialsSchema = pageCredentialsSchema;
  private readonly graph: GraphApiClient;

  constructor(options: MetaAdapterOptions = {}) {
    this.graph = graphApiClientFor(options);
  }

  handshake(request: RawWebhookRequest, channel: ChannelContext<MessengerSettings>) {
    return answerMetaHandshake(request, channel.credentials.verifyToken);
  }

  verify(
    request: RawWebhookRequest,
    channel: ChannelContext<MessengerSettings>,
  ): VerificationResult {
    return verifyMetaSignature(request, channel.credentials.appSecret);
  }

  parse(request: RawWebhookRequest, channel: ChannelContext<MessengerSettings>): ParsedWebhook {
    return parseMessagingWebhook(parseWebhookJson(request.rawBody, webhookSchema), {
      platform: 'messenger',
      channelId: channel.channelId,
      accountId: channel.settings.pageId,
    });
  }

  async send(
    message: OutboundChannelMessage,
    channel: ChannelContext<MessengerSettings>,
  ): Promise<SendResult> {
    return sendViaSendApi(this.graph, message, {
      path: `${encodeURIComponent(channel.settings.pageId)}/messages`,
      accessToken: requiredCredential(channel.credentials, 'pageAccessToken'),
      textLimit: MESSENGER_TEXT_LIMIT,
      measure: utf16Length,
    });
  }
}
