import { Injectable } from '@nestjs/common';
import { TenantConnections } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';
import type { MyWorkspaceResponse } from '../../dto/workspace-access.dto';
import { NotAPersonException } from '../../workspace-access.exception';

/** The workspaces the caller belongs to, oldest membership first (login's default). */
@Injectable()
export class ListMyWorkspaces {
  constructor(private readonly tenants: TenantConnections) {}

  async execute(principal: Principal): Promise<MyWorkspaceResponse[]> {
    if (principal.kind !== 'user') throw new NotAPersonException();
    const { WorkspaceMember, Workspace } = this.tenants.control;
    const memberships = await WorkspaceMember.findAll({
      where: { userId: principal.userId },
      order: [['createdAt', 'ASC']],
    });
    const workspaces = await Workspace.findAll({
      where: { id: memberships.map((m) => m.workspaceId) },
      attributes: ['id', 'name', 'slug'],
    });
    const byId = new Map(workspaces.map((w) => [w.id, w]));
    return memberships.flatMap((membership) => {
      const workspace = byId.get(membership.workspaceId);
      if (!workspace) return [];
      return [
        {
          id: workspace.id,
          name: workspace.name,
          slug: workspace.slug,
          role: membership.role,
          current: workspace.id === principal.workspaceId,
        },
      ];
    });
  }
}
