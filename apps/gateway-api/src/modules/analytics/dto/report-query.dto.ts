import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { BUCKETS, type Bucket } from '../report-range';

const TIME_DESCRIPTION =
  "In the workspace's time zone: a date (`2026-11-01`) or a local date and time " +
  '(`2026-11-01T09:00`).';

/** Every report: a range of at most 13 months, `from` inclusive, `to` exclusive. */
export class ReportRangeQuery {
  @ApiProperty({ description: `First moment counted. ${TIME_DESCRIPTION}`, example: '2026-11-01' })
  @IsString()
  from!: string;

  @ApiProperty({
    description: `First moment not counted (at most 13 months after from). ${TIME_DESCRIPTION}`,
    example: '2026-12-01',
  })
  @IsString()
  to!: string;
}

export class BucketedQuery extends ReportRangeQuery {
  @ApiPropertyOptional({
    enum: BUCKETS,
    description:
      'Bucket size; which ones a report offers is in its description. Weeks start on Monday.',
  })
  @IsOptional()
  @IsIn(BUCKETS)
  bucket?: Bucket;
}

export class MessageVolumeQuery extends BucketedQuery {
  @ApiPropertyOptional({ enum: ['bot', 'channel'], default: 'bot' })
  @IsOptional()
  @IsIn(['bot', 'channel'])
  groupBy?: 'bot' | 'channel';

  @ApiPropertyOptional({ description: 'Only this bot' })
  @IsOptional()
  @IsUUID()
  botId?: string;
}

export class TopListQuery extends ReportRangeQuery {
  @ApiPropertyOptional({
    description: 'Length of the top lists',
    default: 10,
    minimum: 1,
    maximum: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class BotPerformanceQuery extends TopListQuery {
  @ApiPropertyOptional({ description: 'Only this bot' })
  @IsOptional()
  @IsUUID()
  botId?: string;
}

export class CostQuery extends BucketedQuery {
  @ApiPropertyOptional({
    description: 'Length of the customer list',
    default: 10,
    minimum: 1,
    maximum: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
