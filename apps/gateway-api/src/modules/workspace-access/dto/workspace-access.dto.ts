import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { MEMBER_ROLES, type MemberRole } from '@cxgenie/contracts';

export class SwitchWorkspaceDto {
  @ApiProperty({ format: 'uuid', description: 'A workspace the signed-in user is a member of' })
  @IsUUID()
  workspaceId!: string;
}

export class MyWorkspaceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ description: 'The workspace of the token that asked' }) current!: boolean;
}

export class MyWorkspaceListResponse {
  @ApiProperty({ type: [MyWorkspaceResponse] }) items!: MyWorkspaceResponse[];
}
