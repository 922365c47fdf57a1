import { Injectable } from '@nestjs/common';
import { type TenantScope, WorkspaceRepository } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import type { WorkspaceResponse } from '../../dto/workspace.dto';
import { presentWorkspace } from '../../workspace.presenter';

@Injectable()
export class GetWorkspace {
  constructor(private readonly workspaces: WorkspaceRepository) {}

  async execute(scope: TenantScope): Promise<WorkspaceResponse> {
    const workspace = await this.workspaces.findCurrent(scope);
    if (!workspace) throw new ResourceNotFoundException('Workspace');
    return presentWorkspace(workspace);
  }
}
