import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import {
  SENTIMENT_MAX_CHARS,
  SENTIMENT_MAX_MESSAGES,
  type SentimentRequest,
} from '@cxgenie/contracts';

class SentimentMessageDto {
  @IsString() @Length(1, 200) id!: string;
  @IsString() @Length(0, SENTIMENT_MAX_CHARS) text!: string;
}

export class SentimentRequestDto implements SentimentRequest {
  @IsUUID() workspaceId!: string;
  @IsUUID() botId!: string;
  @IsString() @Length(1, 50) provider!: string;
  @IsString() @Length(1, 200) model!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SENTIMENT_MAX_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => SentimentMessageDto)
  messages!: SentimentMessageDto[];
}
