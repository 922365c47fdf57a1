import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../../../core-modules/http/pagination.dto';
import { Omittable, Trim } from '../../../../core-modules/http/validation';

export class CreateFaqDto {
  @ApiProperty({ minLength: 1, maxLength: 1000, example: 'How do I reset my password?' })
  @Trim()
  @IsString()
  @Length(1, 1000)
  question!: string;

  @ApiProperty({ minLength: 1, maxLength: 10000 })
  @Trim()
  @IsString()
  @Length(1, 10000)
  answer!: string;
}

export class UpdateFaqDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 1000 })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 1000)
  question?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 10000 })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 10000)
  answer?: string;
}

export class ListFaqsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the question' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class FaqResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) botId!: string;
  @ApiProperty() question!: string;
  @ApiProperty() answer!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class FaqPageResponse {
  @ApiProperty({ type: [FaqResponse] }) items!: FaqResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
