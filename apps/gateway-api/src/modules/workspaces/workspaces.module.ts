import { Module } from '@nestjs/common';
import { WorkspaceRepository } from '@cxgenie/database';
import { GetWorkspace } from './usecases/get-workspace/get-workspace.usecase';
import { UpdateWorkspace } from './usecases/update-workspace/update-workspace.usecase';
import { WorkspacesController } from './workspaces.controller';

@Module({
  controllers: [WorkspacesController],
  providers: [WorkspaceRepository, GetWorkspace, UpdateWorkspace],
})
export class WorkspacesModule {}
