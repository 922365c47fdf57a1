import { Body, Controller, Get, Patch } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TenantScope } from '@cxgenie/database';
import { Roles, Tenant } from '../../core-modules/auth/auth.decorators';
import { UpdateWorkspaceDto, WorkspaceResponse } from './dto/workspace.dto';
import { GetWorkspace } from './usecases/get-workspace/get-workspace.usecase';
import { UpdateWorkspace } from './usecases/update-workspace/update-workspace.usecase';

/** The caller's own workspace: there is no id in the path, the credential names it. */
@ApiTags('workspace')
@ApiBearerAuth()
@Controller('api/v1/workspace')
export class WorkspacesController {
  constructor(
    private readonly getWorkspace: GetWorkspace,
    private readonly updateWorkspace: UpdateWorkspace,
  ) {}

  @Get()
  @ApiOkResponse({ type: WorkspaceResponse })
  get(@Tenant() scope: TenantScope): Promise<WorkspaceResponse> {
    return this.getWorkspace.execute(scope);
  }

  @Roles('admin')
  @Patch()
  @ApiOkResponse({ type: WorkspaceResponse })
  @ApiBadRequestResponse({ description: 'Invalid name, time zone or settings' })
  @ApiForbiddenResponse({ description: 'Requires the admin role' })
  update(
    @Tenant() scope: TenantScope,
    @Body() body: UpdateWorkspaceDto,
  ): Promise<WorkspaceResponse> {
    return this.updateWorkspace.execute({ scope, ...body });
  }
}
