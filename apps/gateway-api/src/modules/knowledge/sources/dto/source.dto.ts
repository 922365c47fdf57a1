import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  KNOWLEDGE_SOURCE_STATUSES,
  KNOWLEDGE_SOURCE_TYPES,
  type KnowledgeSourceStatus,
  type KnowledgeSourceType,
} from '@cxgenie/contracts';
import { PaginationQueryDto } from '../../../../core-modules/http/pagination.dto';
import { Trim } from '../../../../core-modules/http/validation';
import { IsCrawlableUrl } from '../crawl-target';

const URL_RULES =
  'http or https only; no credentials; not localhost nor a loopback, private or link-local address';

export class CreateWebsiteSourceDto {
  @ApiProperty({ example: 'https://docs.example.com/', description: URL_RULES })
  @IsCrawlableUrl()
  url!: string;

  @ApiPropertyOptional({ example: 'https://docs.example.com/sitemap.xml', description: URL_RULES })
  @IsOptional()
  @IsCrawlableUrl()
  sitemapUrl?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5000, default: 200 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  maxPages?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10, default: 3, description: 'links from the URL' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  maxDepth?: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Defaults to the URL host' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class ListSourcesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: KNOWLEDGE_SOURCE_TYPES })
  @IsOptional()
  @IsIn(KNOWLEDGE_SOURCE_TYPES)
  type?: KnowledgeSourceType;

  @ApiPropertyOptional({ enum: KNOWLEDGE_SOURCE_STATUSES })
  @IsOptional()
  @IsIn(KNOWLEDGE_SOURCE_STATUSES)
  status?: KnowledgeSourceStatus;
}

export class SourceStatsResponse {
  @ApiProperty({ description: 'Pages read (PDF pages, crawled web pages)' }) pages!: number;
  @ApiProperty({ description: 'Chunks indexed' }) chunks!: number;
  @ApiProperty({ description: 'Chunks whose embedding this run computed' }) embedded!: number;
  @ApiProperty({ description: 'Chunks whose existing embedding was reused' }) reused!: number;
}

export class SourceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) botId!: string;
  @ApiProperty({ enum: KNOWLEDGE_SOURCE_TYPES }) type!: KnowledgeSourceType;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: KNOWLEDGE_SOURCE_STATUSES }) status!: KnowledgeSourceStatus;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percent complete of the latest run' })
  progress!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the latest run failed' })
  error!: string | null;
  @ApiProperty({ type: SourceStatsResponse, description: 'Counters of the latest run' })
  stats!: SourceStatsResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'website: { url, sitemapUrl, maxPages, maxDepth }',
  })
  config!: Record<string, unknown>;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class SourcePageResponse {
  @ApiProperty({ type: [SourceResponse] }) items!: SourceResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
