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
import { answerMetaHandshake } from '../meta/meta-handshake';
import { verifyMetaSignature } from '../meta/meta-signature';
import { requiredCredential } from '../meta/meta-credentials.schema';
import { parseWebhookJson } from '../meta/webhook-json';
import { sendWhatsAppMessage } from './whatsapp-outbound';
import {
  type WhatsAppSettings,
  whatsappCredentialsSchema,
  whatsappSettingsSchema,
} from './whatsapp.schemas';
import { parseWhatsAppWebhook } from './whatsapp-webhook.parser';
import { whatsappWebhookSchema } from './whatsapp-webhook.schema';

export interface WhatsAppAdapterOptions extends MetaAdapterOptions {
  /** The clock the 24-hour window is measured with. */
  now?: () => number;
}

/**
 * The WhatsApp Cloud API: `whatsapp_business_account` webhooks in (messages and status
 * callbacks), `/{phone-number-id}/messages` out, with the 24-hour customer-service window
 * enforced here so the rest of the system never has to know about it.
 */
export class WhatsAppAdapter implements ChannelAdapter<WhatsAppSettings> {
  readonly platform = 'whatsapp' as const;
  readonly settingsSchema = whatsappSettingsSchema;
  readonly credentialsSchema = whatsappCredentialsSchema;
  private readonly graph: GraphApiClient;
  private readonly now: () => number;

  constructor(options: WhatsAppAdapterOptions = {}) {
    this.graph = graphApiClientFor(options);
    this.now = options.now ?? Date.now;
  }

  handshake(request: RawWebhookRequest, channel: ChannelContext<WhatsAppSettings>) {
    return answerMetaHandshake(request, channel.credentials.verifyToken);
  }

  verify(
    request: RawWebhookRequest,
    channel: ChannelContext<WhatsAppSettings>,
  ): VerificationResult {
    return verifyMetaSignature(request, channel.credentials.appSecret);
  }

  parse(request: RawWebhookRequest, channel: ChannelContext<WhatsAppSettings>): ParsedWebhook {
    return parseWhatsAppWebhook(parseWebhookJson(request.rawBody, whatsappWebhookSchema), {
      channelId: channel.channelId,
      phoneNumberId: channel.settings.phoneNumberId,
      graphApiBaseUrl: this.graph.baseUrl,
      receivedAt: this.now(),
    });
  }

  async send(
    message: OutboundChannelMessage,
    channel: ChannelContext<WhatsAppSettings>,
  ): Promise<SendResult> {
    return sendWhatsAppMessage(this.graph, message, {
      phoneNumberId: channel.settings.phoneNumberId,
      accessToken: requiredCredential(channel.credentials, 'accessToken'),
      templateName: channel.settings.templateName,
      templateLanguage: channel.settings.templateLanguage,
      now: this.now(),
    });
  }
}
