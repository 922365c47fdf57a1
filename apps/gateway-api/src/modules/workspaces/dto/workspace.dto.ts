import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsTimeZone, Length } from 'class-validator';
import { TENANCY_MODES, type TenancyMode } from '@cxgenie/contracts';
import { MaxJsonSize } from './max-json-size.validator';

export const MAX_SETTINGS_BYTES = 16 * 1024;

export class UpdateWorkspaceDto {
  @ApiPropertyOptional({ example: 'Acme Support', minLength: 1, maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ description: 'IANA time zone', example: 'Europe/Berlin' })
  @IsOptional()
  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Berlin' })
  timezone?: string;

  @ApiPropertyOptional({
    description:
      'Merged into the current settings key by key; a key set to null is removed. At most 16 KiB as JSON.',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  @MaxJsonSize(MAX_SETTINGS_BYTES)
  settings?: Record<string, unknown>;
}

export class WorkspaceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ example: 'UTC' }) timezone!: string;
  @ApiProperty({ enum: TENANCY_MODES }) tenancyMode!: TenancyMode;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty() createdAt!: Date;
}
