import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import type { PageResponse } from '../../core-modules/http/pagination.dto';
import {
  ListMembersQueryDto,
  MemberPageResponse,
  MemberResponse,
  UpdateMemberDto,
} from './dto/member.dto';
import { GetMember } from './usecases/get-member/get-member.usecase';
import { ListMembers } from './usecases/list-members/list-members.usecase';
import { RemoveMember } from './usecases/remove-member/remove-member.usecase';
import { UpdateMember } from './usecases/update-member/update-member.usecase';

@ApiTags('members')
@ApiBearerAuth()
@Controller('api/v1/members')
export class MembersController {
  constructor(
    private readonly listMembers: ListMembers,
    private readonly getMember: GetMember,
    private readonly updateMember: UpdateMember,
    private readonly removeMember: RemoveMember,
  ) {}

  @Get()
  @ApiOkResponse({ type: MemberPageResponse })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor' })
  list(
    @Tenant() scope: TenantScope,
    @Query() query: ListMembersQueryDto,
  ): Promise<PageResponse<MemberResponse>> {
    return this.listMembers.execute({ scope, ...query });
  }

  @Get(':id')
  @ApiOkResponse({ type: MemberResponse })
  @ApiNotFoundResponse({ description: 'No such member in this workspace' })
  get(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string): Promise<MemberResponse> {
    return this.getMember.execute(scope, id);
  }

  /** Agents may call this for their own availability only; every other change needs admin. */
  @Patch(':id')
  @ApiOkResponse({ type: MemberResponse })
  @ApiBadRequestResponse({ description: 'Invalid role, availability or limit' })
  @ApiForbiddenResponse({ description: 'Not allowed to make this change' })
  @ApiNotFoundResponse({ description: 'No such member in this workspace' })
  @ApiConflictResponse({ description: 'Would leave the workspace without an owner' })
  update(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) memberId: string,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberResponse> {
    return this.updateMember.execute({ scope, principal, memberId, ...body });
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Membership removed' })
  @ApiForbiddenResponse({ description: 'Requires admin; removing an owner requires owner' })
  @ApiNotFoundResponse({ description: 'No such member in this workspace' })
  @ApiConflictResponse({ description: 'The last owner cannot be removed' })
  remove(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdParamPipe) memberId: string,
  ): Promise<void> {
    return this.removeMember.execute({ scope, principal, memberId });
  }
}
