import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import type { EmbedRequest } from '@cxgenie/contracts';

export class EmbedRequestDto implements EmbedRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100_000, { each: true })
  texts!: string[];
}
