import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';

/** Owner is never handed out by invitation: an owner promotes an existing member instead. */
export const INVITABLE_ROLES = ['admin', 'agent'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class CreateInvitationDto {
  @ApiProperty({ example: 'grace@example.com' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: INVITABLE_ROLES })
  @IsIn(INVITABLE_ROLES)
  role!: InvitableRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link' })
  @IsString()
  @Length(10, 200)
  token!: string;

  @ApiPropertyOptional({
    example: 'Grace Hopper',
    description: 'Required when the email has no account yet; ignored otherwise',
  })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiProperty({
    minLength: 10,
    maxLength: 200,
    description: 'The new account’s password, or the existing account’s when the email has one',
  })
  @IsString()
  @Length(10, 200)
  password!: string;
}

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: INVITABLE_ROLES }) role!: InvitableRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) invitedBy!: string | null;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) acceptedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class CreatedInvitationResponse extends InvitationResponse {
  @ApiProperty({ description: 'Shown this once; only its hash is stored' }) token!: string;
  @ApiProperty({ example: '/accept-invitation?token=cxi_…' }) acceptUrl!: string;
}

export class InvitationPageResponse {
  @ApiProperty({ type: [InvitationResponse] }) items!: InvitationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
