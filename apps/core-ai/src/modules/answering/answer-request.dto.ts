import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsNumber,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ArrayMaxSize,
} from 'class-validator';
import {
  type AnswerRequest,
  type BotKnowledgeSettings,
  LLM_PROVIDERS,
  REPLY_UNKNOWN_POLICIES,
  type ReplyUnknownPolicy,
  SMALL_TALK_INTENTS,
  type SmallTalkIntent,
  type SmallTalkSettings,
} from '@cxgenie/contracts';

class HistoryEntryDto {
  @IsIn(['customer', 'bot', 'agent'])
  role!: 'customer' | 'bot' | 'agent';

  @IsString()
  @MaxLength(20_000)
  text!: string;
}

class KnowledgeSettingsDto implements BotKnowledgeSettings {
  @IsOptional() @IsInt() @Min(1) @Max(50) topK?: number;
  @IsOptional() @IsNumber() @Min(0.5) @Max(5) faqBoost?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3650) recencyHalfLifeDays?: number;
  @IsOptional() @IsBoolean() hybridSearch?: boolean;
  @IsOptional() @IsInt() @Min(200) @Max(100_000) maxContextTokens?: number;
  @IsOptional() @IsNumber() @Min(0.01) @Max(0.5) targetFalseAnswerRate?: number;
  @IsOptional() @IsIn(['local', 'llm']) rerank?: 'local' | 'llm';
}

class SmallTalkRepliesDto implements Partial<Record<SmallTalkIntent, string>> {
  @IsOptional() @IsString() @MaxLength(1_000) greeting?: string;
  @IsOptional() @IsString() @MaxLength(1_000) thanks?: string;
  @IsOptional() @IsString() @MaxLength(1_000) identity?: string;
  @IsOptional() @IsString() @MaxLength(1_000) wellbeing?: string;
  @IsOptional() @IsString() @MaxLength(1_000) goodbye?: string;
}

class SmallTalkSettingsDto implements SmallTalkSettings {
  @IsOptional() @IsBoolean() enabled?: boolean;

  @IsOptional()
  @IsArray()
  @IsIn(SMALL_TALK_INTENTS, { each: true })
  intents?: SmallTalkIntent[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SmallTalkRepliesDto)
  replies?: SmallTalkRepliesDto;
}

class BotSettingsDto {
  @IsIn(LLM_PROVIDERS)
  llmProvider!: string;

  @IsString()
  @Length(1, 100)
  llmModel!: string;

  @IsString()
  @MaxLength(20_000)
  systemPrompt!: string;

  @IsNumber()
  @Min(0)
  @Max(2)
  temperature!: number;

  @IsString()
  @Length(2, 35)
  language!: string;

  @IsIn(REPLY_UNKNOWN_POLICIES)
  typeReplyUnknown!: ReplyUnknownPolicy;

  @IsString()
  @MaxLength(5_000)
  fallbackMessage!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => KnowledgeSettingsDto)
  knowledge!: KnowledgeSettingsDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SmallTalkSettingsDto)
  smallTalk?: SmallTalkSettingsDto;
}

export class AnswerRequestDto implements AnswerRequest {
  @IsUUID() workspaceId!: string;
  @IsUUID() botId!: string;
  @IsUUID() conversationId!: string;
  @IsUUID() messageId!: string;
  @IsOptional() @IsUUID() customerId?: string;

  @IsString()
  @Length(1, 20_000)
  question!: string;

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => HistoryEntryDto)
  history!: HistoryEntryDto[];

  @IsObject()
  @ValidateNested()
  @Type(() => BotSettingsDto)
  bot!: BotSettingsDto;
}
