import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import {
  CHANNEL_TYPES,
  CONVERSATION_STATUSES,
  type ChannelType,
  type ConversationStatus,
} from '@cxgenie/contracts';
import type { SentimentLabel } from '@cxgenie/analytics';
import { PaginationQueryDto } from '../../../core-modules/http/pagination.dto';

export class ListConversationsQuery extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES })
  @IsOptional()
  @IsIn(CONVERSATION_STATUSES)
  status?: ConversationStatus;

  @ApiPropertyOptional({ enum: CHANNEL_TYPES, description: 'Channel type' })
  @IsOptional()
  @IsIn(CHANNEL_TYPES)
  channel?: ChannelType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  channelId?: string;

  @ApiPropertyOptional({ description: "Assigned member's user id" })
  @IsOptional()
  @IsUUID()
  assignee?: string;

  @ApiPropertyOptional({ description: 'Only conversations nobody is assigned to' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unassigned?: 'true' | 'false';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  botId?: string;

  @ApiPropertyOptional({
    enum: ['negative', 'neutral', 'positive'],
    description: "By the mean sentiment of the customer's messages (judged ones only)",
  })
  @IsOptional()
  @IsIn(['negative', 'neutral', 'positive'])
  sentiment?: SentimentLabel;

  @ApiPropertyOptional({ description: 'Last activity at or after (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Last activity before (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}
