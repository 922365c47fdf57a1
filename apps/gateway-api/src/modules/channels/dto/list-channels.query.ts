import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '@cxgenie/contracts';
import { PaginationQueryDto } from '../../../core-modules/http/pagination.dto';

export class ListChannelsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: CHANNEL_TYPES })
  @IsOptional()
  @IsIn(CHANNEL_TYPES)
  type?: ChannelType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  botId?: string;
}
