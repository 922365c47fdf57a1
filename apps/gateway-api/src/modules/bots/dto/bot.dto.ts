import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CHANNEL_TYPES,
  type ChannelType,
  type KnowledgeIndexState,
  LLM_PROVIDERS,
  type LlmProvider,
  REPLY_UNKNOWN_POLICIES,
  type ReplyUnknownPolicy,
  SMALL_TALK_INTENTS,
  type SmallTalkIntent,
} from '@cxgenie/contracts';
import { Omittable } from '../../../core-modules/http/validation';

/** A BCP-47-looking tag (`en`, `pt-BR`, `zh-Hant-TW`); full BCP-47 validation is not worth it. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/**
 * Retrieval tuning. Every field is optional; on PATCH the object is merged into the stored one,
 * and a null resets that field to the engine's default.
 */
export class KnowledgeSettingsDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  topK?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0.5, maximum: 5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(5)
  faqBoost?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  recencyHalfLifeDays?: number | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  hybridSearch?: boolean | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 256, maximum: 32000 })
  @IsOptional()
  @IsInt()
  @Min(256)
  @Max(32000)
  maxContextTokens?: number | null;

  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 0.5,
    description:
      'Share of questions the knowledge cannot answer that the bot may answer anyway; sets the answerability threshold (default 0.05)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(0.5)
  targetFalseAnswerRate?: number | null;

  @ApiPropertyOptional({
    enum: ['local', 'llm'],
    description: "Re-rank with term proximity and coverage (local) or with the bot's model (llm)",
  })
  @IsOptional()
  @IsIn(['local', 'llm'])
  rerank?: 'local' | 'llm' | null;
}

/** The bot's own small-talk replies, in its language; an empty one keeps the built-in reply. */
export class SmallTalkRepliesDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  greeting?: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  thanks?: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  identity?: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  wellbeing?: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  goodbye?: string;
}

/**
 * Greetings, thanks, "are you a bot?": replied to briefly in the bot's language instead of being
 * searched or handed over. A PATCH replaces the whole object.
 */
export class SmallTalkSettingsDto {
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: SMALL_TALK_INTENTS, isArray: true, description: 'Default: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SMALL_TALK_INTENTS.length)
  @IsIn(SMALL_TALK_INTENTS, { each: true })
  intents?: SmallTalkIntent[];

  @ApiPropertyOptional({ type: SmallTalkRepliesDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SmallTalkRepliesDto)
  replies?: SmallTalkRepliesDto;
}

export class CreateBotDto {
  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Support bot' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ enum: LLM_PROVIDERS, default: 'local' })
  @Omittable()
  @IsIn(LLM_PROVIDERS)
  llmProvider?: LlmProvider;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'gpt-4o-mini' })
  @Omittable()
  @IsString()
  @Length(1, 100)
  llmModel?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @Omittable()
  @IsString()
  @MaxLength(20000)
  systemPrompt?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, default: 0.2 })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature?: number;

  @ApiPropertyOptional({ minLength: 2, maxLength: 35, example: 'en-US' })
  @Omittable()
  @IsString()
  @Length(2, 35)
  @Matches(LANGUAGE_TAG, { message: 'must be a language tag such as en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ enum: REPLY_UNKNOWN_POLICIES, default: 'INPUT_ANSWER' })
  @Omittable()
  @IsIn(REPLY_UNKNOWN_POLICIES)
  typeReplyUnknown?: ReplyUnknownPolicy;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'What the bot says when it has no answer; must not be blank for INPUT_ANSWER',
  })
  @Omittable()
  @IsString()
  @MaxLength(2000)
  fallbackMessage?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, example: ['talk to a human'] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  handoffPhrases?: string[];

  @ApiPropertyOptional({
    default: false,
    description:
      'Open a ticket whenever the bot is unsure, also under INPUT_ANSWER and AI_GENERATE (NO_REPLY always does)',
  })
  @Omittable()
  @IsBoolean()
  handoffOnUnknown?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Accept widget visitors only with a signed id (customer.externalId + customer.userHash); issue the secret with POST bots/:id/identity-secret',
  })
  @Omittable()
  @IsBoolean()
  requireVerifiedIdentity?: boolean;

  @ApiPropertyOptional({ type: KnowledgeSettingsDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => KnowledgeSettingsDto)
  knowledgeSettings?: KnowledgeSettingsDto;

  @ApiPropertyOptional({ type: SmallTalkSettingsDto })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => SmallTalkSettingsDto)
  smallTalk?: SmallTalkSettingsDto;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  isActive?: boolean;
}

export class UpdateBotDto extends OmitType(CreateBotDto, ['name'] as const) {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120 })
  @Omittable()
  @IsString()
  @Length(1, 120)
  name?: string;
}

export class BotChannelLinkResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type!: ChannelType;
}

export class KnowledgeSettingsResponse {
  @ApiPropertyOptional() topK?: number;
  @ApiPropertyOptional() faqBoost?: number;
  @ApiPropertyOptional() recencyHalfLifeDays?: number;
  @ApiPropertyOptional() hybridSearch?: boolean;
  @ApiPropertyOptional() maxContextTokens?: number;
  @ApiPropertyOptional() targetFalseAnswerRate?: number;
  @ApiPropertyOptional({ enum: ['local', 'llm'] }) rerank?: 'local' | 'llm';
}

export class IdentityVerificationResponse {
  @ApiProperty({ description: 'Whether an identity secret has been issued' }) configured!: boolean;
  @ApiProperty({ description: 'Whether unsigned visitor ids are refused' }) required!: boolean;
}

export class BotResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Public: embedded in the widget script to start sessions' })
  publicKey!: string;
  @ApiProperty({ enum: LLM_PROVIDERS }) llmProvider!: LlmProvider;
  @ApiProperty() llmModel!: string;
  @ApiProperty() systemPrompt!: string;
  @ApiProperty() temperature!: number;
  @ApiProperty() language!: string;
  @ApiProperty({ enum: REPLY_UNKNOWN_POLICIES }) typeReplyUnknown!: ReplyUnknownPolicy;
  @ApiProperty() fallbackMessage!: string;
  @ApiProperty({ type: [String] }) handoffPhrases!: string[];
  @ApiProperty() handoffOnUnknown!: boolean;
  @ApiProperty({ type: IdentityVerificationResponse })
  identityVerification!: IdentityVerificationResponse;
  @ApiProperty({ type: KnowledgeSettingsResponse }) knowledgeSettings!: KnowledgeSettingsResponse;
  @ApiProperty({ type: SmallTalkSettingsDto }) smallTalk!: SmallTalkSettingsDto;
  @ApiProperty() isActive!: boolean;
  @ApiProperty({ type: [BotChannelLinkResponse], description: 'The active channels it answers on' })
  activeChannels!: BotChannelLinkResponse[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class KnowledgeIndexResponse {
  @ApiProperty({
    enum: ['complete', 'incomplete', 'checking', 'unknown'],
    description:
      'complete: the last check found every record PostgreSQL holds in the vector store, or wrote the missing ones again; incomplete: the last check or its repair failed, so some knowledge may be unsearchable; unknown: never checked',
  })
  state!: KnowledgeIndexState;
  @ApiProperty({ description: 'Records the bot should have in the vector store' })
  expected!: number;
  @ApiProperty({ description: 'Of those, how many the last check found missing' })
  missing!: number;
  @ApiProperty({ description: 'Missing records the last check wrote again' })
  repaired!: number;
  @ApiProperty({ description: 'Records in the store that no source of the bot accounts for' })
  orphans!: number;
  @ApiProperty({ description: 'Orphans the last check removed' })
  removed!: number;
  @ApiProperty({ description: 'Sources being ingested during the check, left alone' })
  sourcesInFlight!: number;
  @ApiProperty({
    description:
      'Chunks embedded with another model: searchable again once their source is reprocessed',
  })
  chunksInOtherSpaces!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedAt!: string | null;
  @ApiProperty({ description: "Whether the last check failed (the reason is in core-ai's log)" })
  failed!: boolean;
}

/** One bot, read by id: its settings and the state of its knowledge index. */
export class BotDetailResponse extends BotResponse {
  @ApiProperty({
    type: KnowledgeIndexResponse,
    nullable: true,
    description:
      "The bot's vector index as core-ai's last reconciliation found it (at start and on demand); null when core-ai did not answer in time",
  })
  knowledgeIndex!: KnowledgeIndexResponse | null;
}

export class BotPageResponse {
  @ApiProperty({ type: [BotResponse] }) items!: BotResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class IdentitySecretResponse {
  @ApiProperty({
    description:
      'Shown this once: sign each visitor id on your server with HMAC-SHA256 under it and send the hex digest as customer.userHash',
  })
  identitySecret!: string;
}
