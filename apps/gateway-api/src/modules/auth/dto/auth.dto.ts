import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  MinLength,
} from 'class-validator';

export class SignUpDto {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200)
  password!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ example: 'Acme Support' })
  @IsString()
  @Length(1, 120)
  workspaceName!: string;
}

export class LogInDto {
  @ApiProperty()
  @IsEmail()
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({
    description: 'Workspace to sign in to; the oldest membership when omitted',
  })
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}

export class RefreshTokenDto {
  @ApiProperty()
  @IsString()
  @Length(10, 200)
  refreshToken!: string;
}

export class SessionResponse {
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty() accessToken!: string;
  @ApiProperty({ description: 'seconds' }) accessTokenExpiresIn!: number;
  @ApiProperty() refreshToken!: string;
  @ApiProperty() workspaceId!: string;
  @ApiProperty({ enum: ['owner', 'admin', 'agent'] }) role!: string;
}
