import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const THIRTY_DAYS = 30 * 24 * 3600;

export class PutSlaPolicyDto {
  @ApiProperty({ minimum: 1, maximum: THIRTY_DAYS, example: 3600 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(THIRTY_DAYS)
  firstResponseSeconds!: number;

  @ApiProperty({ minimum: 1, maximum: THIRTY_DAYS, example: 86400 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(THIRTY_DAYS)
  resolutionSeconds!: number;
}
