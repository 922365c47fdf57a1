import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import type { SearchRequest } from '@cxgenie/contracts';

export class SearchRequestDto implements SearchRequest {
  @IsUUID() workspaceId!: string;
  @IsUUID() botId!: string;

  @IsString()
  @Length(1, 4_000)
  query!: string;

  @IsOptional() @IsInt() @Min(1) @Max(50) topK?: number;
  @IsOptional() @IsBoolean() hybrid?: boolean;
  @IsOptional() @IsInt() @Min(200) @Max(100_000) maxContextTokens?: number;
}
