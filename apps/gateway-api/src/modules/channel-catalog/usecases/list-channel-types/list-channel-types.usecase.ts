import { Inject, Injectable } from '@nestjs/common';
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { ZodTypeAny } from 'zod';
import { CHANNEL_SETTINGS_SCHEMAS } from '@cxgenie/channels';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { CHANNEL_TYPES, type ChannelType } from '@cxgenie/contracts';
import type {
  ChannelTypeListResponse,
  ChannelTypeResponse,
  WebhookSetup,
} from '../../dto/channel-type.dto';

const LABELS: Record<ChannelType, string> = {
  messenger: 'Facebook Messenger',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  instagram: 'Instagram',
  viber: 'Viber',
  email: 'Email',
  web: 'Web widget',
};

const META: ReadonlySet<ChannelType> = new Set(['messenger', 'whatsapp', 'instagram']);
const SELF_REGISTERING: ReadonlySet<ChannelType> = new Set(['telegram', 'viber']);

const EMPTY_OBJECT_SCHEMA = { type: 'object', properties: {}, additionalProperties: false };

/** `$schema` and the wrapper say nothing a form needs. */
const jsonSchemaOf = (schema: unknown): Record<string, unknown> => {
  const { $schema: _draft, ...rest } = zodToJsonSchema(schema as ZodTypeAny, {
    target: 'jsonSchema7',
    $refStrategy: 'none',
  }) as Record<string, unknown>;
  return rest;
};

/**
 * Every channel type with the JSON Schema of what it must be written with, converted from the
 * adapter's own zod schema (the one the channels API validates with), so a form built from it
 * asks for exactly what the API accepts.
 */
@Injectable()
export class ListChannelTypes {
  private readonly catalogue: ChannelTypeResponse[];

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    this.catalogue = CHANNEL_TYPES.map((type) => {
      const schemas = CHANNEL_SETTINGS_SCHEMAS[type as keyof typeof CHANNEL_SETTINGS_SCHEMAS];
      const webhookSetup: WebhookSetup = META.has(type)
        ? 'paste-in-meta-app'
        : SELF_REGISTERING.has(type)
          ? 'registered-by-us'
          : 'none';
      return {
        type,
        label: LABELS[type],
        webhookSetup,
        credentialsSchema: schemas ? jsonSchemaOf(schemas.credentials) : EMPTY_OBJECT_SCHEMA,
        settingsSchema: schemas ? jsonSchemaOf(schemas.settings) : EMPTY_OBJECT_SCHEMA,
      };
    });
  }

  execute(): ChannelTypeListResponse {
    return {
      items: this.catalogue,
      webhookBaseUrl:
        this.config.channels.publicWebhookBaseUrl ?? this.config.serviceUrls.integration,
    };
  }
}
