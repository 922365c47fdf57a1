import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

/** A key acts for the workspace, never as its owner: owner-only actions need a person. */
export const API_KEY_ROLES = ['admin', 'agent'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CRM sync', minLength: 1, maxLength: 120 })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({ enum: API_KEY_ROLES, default: 'admin' })
  @IsOptional()
  @IsIn(API_KEY_ROLES)
  role?: ApiKeyRole;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'The key’s first 12 characters, to recognise it by' })
  prefix!: string;
  @ApiProperty({ enum: API_KEY_ROLES }) role!: ApiKeyRole;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'To the minute' })
  lastUsedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    description: 'Shown this once; send it as `x-api-key` or `Authorization: Bearer`',
  })
  key!: string;
}

export class ApiKeyPageResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) items!: ApiKeyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
