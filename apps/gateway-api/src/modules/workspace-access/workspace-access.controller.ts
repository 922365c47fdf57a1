import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../core-modules/auth/auth.decorators';
import type { Principal } from '../../core-modules/auth/principal';
import { SessionResponse } from '../auth/dto/auth.dto';
import { MyWorkspaceListResponse, SwitchWorkspaceDto } from './dto/workspace-access.dto';
import { ListMyWorkspaces } from './usecases/list-my-workspaces/list-my-workspaces.usecase';
import { SwitchWorkspace } from './usecases/switch-workspace/switch-workspace.usecase';

@ApiTags('auth')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Not a signed-in member, or not a member of that workspace' })
@Controller('api/v1/auth')
export class WorkspaceAccessController {
  constructor(
    private readonly listMyWorkspaces: ListMyWorkspaces,
    private readonly switchWorkspace: SwitchWorkspace,
  ) {}

  @Get('workspaces')
  @ApiOkResponse({ type: MyWorkspaceListResponse })
  async workspaces(@CurrentPrincipal() principal: Principal): Promise<MyWorkspaceListResponse> {
    return { items: await this.listMyWorkspaces.execute(principal) };
  }

  @Post('switch-workspace')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: SessionResponse })
  switch(@CurrentPrincipal() principal: Principal, @Body() body: SwitchWorkspaceDto) {
    return this.switchWorkspace.execute(principal, body);
  }
}
