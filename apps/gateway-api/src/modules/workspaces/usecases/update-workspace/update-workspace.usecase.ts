import { Injectable } from '@nestjs/common';
import { WorkspaceRepository } from '@cxgenie/database';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import type { WorkspaceResponse } from '../../dto/workspace.dto';
import { presentWorkspace } from '../../workspace.presenter';
import type { UpdateWorkspaceCommand } from './update-workspace.command';

/** Settings are merged, so two dashboards editing different keys do not erase each other's. */
const mergeSettings = (
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> => {
  const merged = { ...current, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
};

@Injectable()
export class UpdateWorkspace {
  constructor(private readonly workspaces: WorkspaceRepository) {}

  async execute({
    scope,
    name,
    timezone,
    settings,
  }: UpdateWorkspaceCommand): Promise<WorkspaceResponse> {
    const workspace = await this.workspaces.findCurrent(scope);
    if (!workspace) throw new ResourceNotFoundException('Workspace');
    const updated = await this.workspaces.updateCurrent(scope, {
      ...(name === undefined ? {} : { name: name.trim() }),
      ...(timezone === undefined ? {} : { timezone }),
      ...(settings === undefined ? {} : { settings: mergeSettings(workspace.settings, settings) }),
    });
    if (!updated) throw new ResourceNotFoundException('Workspace');
    return presentWorkspace(updated);
  }
}
