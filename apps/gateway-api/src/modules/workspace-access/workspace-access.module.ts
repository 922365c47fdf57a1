import { Module } from '@nestjs/common';
import { ListMyWorkspaces } from './usecases/list-my-workspaces/list-my-workspaces.usecase';
import { SwitchWorkspace } from './usecases/switch-workspace/switch-workspace.usecase';
import { WorkspaceAccessController } from './workspace-access.controller';

/** A member's workspaces and moving between them without signing in again. */
@Module({
  controllers: [WorkspaceAccessController],
  providers: [ListMyWorkspaces, SwitchWorkspace],
})
export class WorkspaceAccessModule {}
