import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { CHANNEL_TYPES, type ChannelType } from '@cxgenie/contracts';
import { PaginationQueryDto } from '../../../core-modules/http/pagination.dto';
import { MaxKeys, Omittable, Trim } from '../../../core-modules/http/validation';

export class ListCustomersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Customers known on this channel' })
  @IsOptional()
  @IsUUID()
  channelId?: string;

  @ApiPropertyOptional({ description: 'Customers carrying this tag (exact match)' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  tag?: string;
}

/** Null clears an optional contact field; tags and metadata may be replaced but not nulled. */
export class UpdateCustomerDto {
  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'grace@example.com' })
  @IsOptional()
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+84 912 345 678' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 50)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'vi-VN' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  @Matches(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/, { message: 'must be a locale like en-US' })
  locale?: string | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    description: 'Replaces the tags; 1..50 characters each, duplicates dropped',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Replaces the metadata; at most 50 keys',
  })
  @Omittable()
  @IsObject()
  @MaxKeys(50)
  metadata?: Record<string, unknown>;
}

export class CustomerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) avatarUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) locale!: string | null;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class CustomerIdentityResponse {
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) channelType!: ChannelType;
  @ApiProperty({ description: 'The customer’s id on that platform (PSID, phone, chat id…)' })
  externalId!: string;
}

export class CustomerDetailResponse extends CustomerResponse {
  @ApiProperty({ type: [CustomerIdentityResponse] }) identities!: CustomerIdentityResponse[];
}

export class CustomerPageResponse {
  @ApiProperty({ type: [CustomerResponse] }) items!: CustomerResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
