import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  CSAT_MAX_RATING,
  CSAT_MIN_RATING,
  MAX_AGENT_ATTACHMENTS,
  MAX_AGENT_ATTACHMENT_BYTES,
  MAX_AGENT_ATTACHMENTS_TOTAL_BYTES,
  MAX_MESSAGE_CHARS,
} from '@cxgenie/contracts';
import { Trim } from '../../../core-modules/http/validation';

export const MAX_CSAT_COMMENT_CHARS = 1_000;

export class AgentMessageDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_MESSAGE_CHARS })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(MAX_MESSAGE_CHARS, { message: `must be at most ${MAX_MESSAGE_CHARS} characters` })
  text!: string;
}

/** The reply as documented: `files` only in a multipart/form-data body. */
export class AgentMessageWithFilesDto extends AgentMessageDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    maxItems: MAX_AGENT_ATTACHMENTS,
    description: `Up to ${MAX_AGENT_ATTACHMENTS} files of at most ${MAX_AGENT_ATTACHMENT_BYTES} bytes each and ${MAX_AGENT_ATTACHMENTS_TOTAL_BYTES} together (PDF, Office, text, CSV, PNG, JPEG, GIF, WebP, ZIP); email conversations only`,
  })
  files?: unknown[];
}

/** The widget's rating, over REST or the socket's `csat.submit`. */
export class CsatSubmitDto {
  @ApiProperty({ format: 'uuid', description: 'The closed conversation being rated' })
  @IsUUID()
  conversationId!: string;

  @ApiProperty({ minimum: CSAT_MIN_RATING, maximum: CSAT_MAX_RATING })
  @IsInt()
  @Min(CSAT_MIN_RATING)
  @Max(CSAT_MAX_RATING)
  rating!: number;

  @ApiPropertyOptional({ maxLength: MAX_CSAT_COMMENT_CHARS })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CSAT_COMMENT_CHARS)
  comment?: string;
}
