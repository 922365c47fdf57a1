import { ApiProperty } from '@nestjs/swagger';
import { CHANNEL_TYPES, type ChannelType } from '@cxgenie/contracts';

export const WEBHOOK_SETUPS = ['registered-by-us', 'paste-in-meta-app', 'none'] as const;
export type WebhookSetup = (typeof WEBHOOK_SETUPS)[number];

export class ChannelTypeResponse {
  @ApiProperty({ enum: CHANNEL_TYPES }) type!: ChannelType;
  @ApiProperty({ example: 'Telegram' }) label!: string;
  @ApiProperty({
    enum: WEBHOOK_SETUPS,
    description:
      'registered-by-us: creating the channel registers its webhook; paste-in-meta-app: paste the webhook URL and verify token in the Meta app; none: no webhook',
  })
  webhookSetup!: WebhookSetup;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema (draft 7) of `credentials`, from the adapter’s own schema',
  })
  credentialsSchema!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Schema (draft 7) of `settings`, from the adapter’s own schema',
  })
  settingsSchema!: Record<string, unknown>;
}

export class ChannelTypeListResponse {
  @ApiProperty({ type: [ChannelTypeResponse] }) items!: ChannelTypeResponse[];
  @ApiProperty({
    example: 'https://hooks.example.com',
    description: 'Origin platforms post to; a channel’s webhook URL is this plus its webhookPath',
  })
  webhookBaseUrl!: string;
}
