import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../../../core-modules/http/pagination.dto';
import { Omittable, Trim } from '../../../../core-modules/http/validation';

export class CreateSnippetDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Refund policy' })
  @Trim()
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ minLength: 1, maxLength: 20000 })
  @Trim()
  @IsString()
  @Length(1, 20000)
  content!: string;
}

export class UpdateSnippetDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 20000 })
  @Omittable()
  @Trim()
  @IsString()
  @Length(1, 20000)
  content?: string;
}

export class ListSnippetsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class SnippetResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) botId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() content!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class SnippetPageResponse {
  @ApiProperty({ type: [SnippetResponse] }) items!: SnippetResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
