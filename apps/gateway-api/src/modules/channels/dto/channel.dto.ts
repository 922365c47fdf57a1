import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '@cxgenie/contracts';
import { Omittable } from '../../../core-modules/http/validation';
import { describeCredentialSchemas } from '../channel-credential-schemas';

export class CreateChannelDto {
  @ApiProperty({ enum: CHANNEL_TYPES, description: 'Fixed once created' })
  @IsIn(CHANNEL_TYPES)
  type!: ChannelType;

  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Acme Facebook page' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A bot of this workspace; null leaves the channel without a bot',
  })
  @IsOptional()
  @IsUUID()
  botId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 200,
    description: 'The platform account: page id, phone number id, bot username…',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'Per-type options (whatsapp: templateName, templateLanguage). PATCH merges; null removes a key.',
  })
  @Omittable()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    writeOnly: true,
    description: `Write-only; never returned. Required per type: ${describeCredentialSchemas()}. PATCH merges.`,
  })
  @Omittable()
  @IsObject()
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  isActive?: boolean;
}

export class UpdateChannelDto extends OmitType(CreateChannelDto, ['type', 'name'] as const) {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @Omittable()
  @IsString()
  @Length(1, 120)
  name?: string;
}

export class ChannelResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type!: ChannelType;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) botId!: string | null;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty() isActive!: boolean;
  @ApiProperty({ type: [String], description: 'Names of the credentials set, never their values' })
  configuredCredentials!: string[];
  @ApiProperty({ example: '/webhooks/messenger/6f1c…' }) webhookPath!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ChannelPageResponse {
  @ApiProperty({ type: [ChannelResponse] }) items!: ChannelResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class WebhookSecretResponse {
  @ApiProperty({ description: 'Shown once: configure it on the platform side now' })
  webhookSecret!: string;
  @ApiProperty() webhookPath!: string;
}
