import type {
  ChannelAdapter,
  ChannelContext,
  NormalizedInboundMessage,
  OutboundChannelMessage,
  ParsedWebhook,
  RawWebhookRequest,
  SendResult,
  SettingsSchema,
  VerificationResult,
} from '@cxgenie/contracts';
import type { TextMeasure } from '../shared/split-text';
import type { GraphApiClient } from './graph-api.client';
import { type MetaAdapterOptions, graphApiClientFor } from './meta-adapter-options';
import { pageCredentialsSchema, requiredCredential } from './meta-credentials.schema';
import { answerMetaHandshake } from './meta-handshake';
import { verifyMetaSignature } from './meta-signature';
import { parseMessagingWebhook } from './messaging-events.parser';
import { messagingWebhookSchema } from './messaging-events.schema';
import { sendViaSendApi } from './send-api';
import { parseWebhookJson } from './webhook-json';

/** What tells one Messenger Platform product from another; everything else they share. */
export interface MetaMessagingProduct<Settings> {
  platform: Extract<NormalizedInboundMessage['platform'], 'messenger' | 'instagram'>;
  /** The webhook's `object`. */
  webhookObject: 'page' | 'instagram';
  settingsSchema: SettingsSchema<Settings>;
  /** The account the channel answers for: the `entry[].id` of its webhook deliveries. */
  accountIdOf(settings: Settings): string;
  /** The Send API path messages are posted to. */
  sendPathOf(settings: Settings): string;
  /** The longest `message.text` the product accepts, as `measure` counts it. */
  textLimit: number;
  measure: TextMeasure;
}

/**
 * A Messenger Platform product (Messenger, Instagram Direct): Meta's handshake and signature on
 * the webhooks in, the messaging events parsed, the Send API out. The products differ only in
 * what `MetaMessagingProduct` names.
 */
export class MetaMessagingAdapter<Settings> implements ChannelAdapter<Settings> {
  readonly platform: MetaMessagingProduct<Settings>['platform'];
  readonly settingsSchema: SettingsSchema<Settings>;
  readonly credentialsSchema = pageCredentialsSchema;
  private readonly graph: GraphApiClient;
  private readonly webhookSchema: ReturnType<typeof messagingWebhookSchema>;

  constructor(
    private readonly product: MetaMessagingProduct<Settings>,
    options: MetaAdapterOptions = {},
  ) {
    this.platform = product.platform;
    this.settingsSchema = product.settingsSchema;
    this.graph = graphApiClientFor(options);
    this.webhookSchema = messagingWebhookSchema(product.webhookObject);
  }

  handshake(request: RawWebhookRequest, channel: ChannelContext<Settings>) {
    return answerMetaHandshake(request, channel.credentials.verifyToken);
  }

  verify(request: RawWebhookRequest, channel: ChannelContext<Settings>): VerificationResult {
    return verifyMetaSignature(request, channel.credentials.appSecret);
  }

  parse(request: RawWebhookRequest, channel: ChannelContext<Settings>): ParsedWebhook {
    return parseMessagingWebhook(parseWebhookJson(request.rawBody, this.webhookSchema), {
      platform: this.product.platform,
      channelId: channel.channelId,
      accountId: this.product.accountIdOf(channel.settings),
    });
  }

  async send(
    message: OutboundChannelMessage,
    channel: ChannelContext<Settings>,
  ): Promise<SendResult> {
    return sendViaSendApi(this.graph, message, {
      path: this.product.sendPathOf(channel.settings),
      accessToken: requiredCredential(channel.credentials, 'pageAccessToken'),
      textLimit: this.product.textLimit,
      measure: this.product.measure,
    });
  }
}
