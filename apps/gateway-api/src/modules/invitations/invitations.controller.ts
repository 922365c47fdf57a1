import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { CurrentPrincipal, Public, Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import type { IssuedSession } from '../../core-modules/auth/session-tokens';
import { IdParamPipe } from '../../core-modules/http/id-param.pipe';
import { PaginationQueryDto, type PageResponse } from '../../core-modules/http/pagination.dto';
import { SessionResponse } from '../auth/dto/auth.dto';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  CreatedInvitationResponse,
  InvitationPageResponse,
  InvitationResponse,
} from './dto/invitation.dto';
import { AttemptThrottlerGuard } from '../../core-modules/auth/attempt-throttler.guard';
import { AcceptInvitation } from './usecases/accept-invitation/accept-invitation.usecase';
import { CreateInvitation } from './usecases/create-invitation/create-invitation.usecase';
import { ListInvitations } from './usecases/list-invitations/list-invitations.usecase';
import { RevokeInvitation } from './usecases/revoke-invitation/revoke-invitation.usecase';

@ApiTags('invitations')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(
    private readonly createInvitation: CreateInvitation,
    private readonly listInvitations: ListInvitations,
    private readonly revokeInvitation: RevokeInvitation,
    private readonly acceptInvitation: AcceptInvitation,
  ) {}

  /** The plain token is in this response only; send `acceptUrl` to the invitee. */
  @ApiBearerAuth()
  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: CreatedInvitationResponse })
  @ApiBadRequestResponse({ description: 'Invalid email or role' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  @ApiConflictResponse({ description: 'The email already belongs to a member' })
  create(
    @Tenant() scope: TenantScope,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateInvitationDto,
  ): Promise<CreatedInvitationResponse> {
    return this.createInvitation.execute({ scope, principal, ...body });
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: InvitationPageResponse, description: 'Pending invitations, newest first' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  list(
    @Tenant() scope: TenantScope,
    @Query() query: PaginationQueryDto,
  ): Promise<PageResponse<InvitationResponse>> {
    return this.listInvitations.execute({ scope, ...query });
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked; its link no longer works' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  @ApiNotFoundResponse({ description: 'No such invitation in this workspace' })
  @ApiConflictResponse({ description: 'Already accepted' })
  async revoke(@Tenant() scope: TenantScope, @Param('id', IdParamPipe) id: string): Promise<void> {
    await this.revokeInvitation.execute(scope, id);
  }

  @Public()
  @UseGuards(AttemptThrottlerGuard)
  @Post('accept')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionResponse, description: 'Signed in to the invited workspace' })
  @ApiBadRequestResponse({ description: 'Invalid body, or no name for a new account' })
  @ApiUnauthorizedResponse({ description: 'Wrong password for the existing account' })
  @ApiNotFoundResponse({ description: 'Unknown token' })
  @ApiGoneResponse({ description: 'Invitation used, revoked or expired' })
  @ApiConflictResponse({ description: 'Already a member of the workspace' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts with this token' })
  accept(@Body() body: AcceptInvitationDto): Promise<IssuedSession> {
    return this.acceptInvitation.execute(body);
  }
}
