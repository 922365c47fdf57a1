import { Injectable, Logger } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { AssignmentMode } from '@cxgenie/contracts';
import { TicketAssignmentStore } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import type { Assignment } from '../../assignment';

/**
 * Gives a ticket to a named member, whatever their load: an agent taking a conversation over has
 * decided to handle it. Refuses users who are not (or no longer) members of the workspace.
 */
@Injectable()
export class AssignTicketTo {
  private readonly logger = new Logger(AssignTicketTo.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly assignments: TicketAssignmentStore,
  ) {}

  async execute(
    workspaceId: string,
    ticketId: string,
    userId: string,
    mode: Extract<AssignmentMode, 'auto' | 'takeover'>,
  ): Promise<Assignment | null> {
    if (!(await this.isMember(workspaceId, userId))) {
      this.logger.warn(`not assigning ticket ${ticketId}: ${userId} is not a member`);
      return null;
    }
    const scope = await this.tenants.scope(workspaceId);
    const change = await scope.sequelize.transaction((transaction) =>
      this.assignments.assignBySystem(
        scope,
        { ticketId, assigneeId: userId, mode, actorId: userId, onlyIfUnassigned: false },
        transaction,
      ),
    );
    return change ? { workspaceId, ...change, assigneeId: userId, mode, actorId: userId } : null;
  }

  private async isMember(workspaceId: string, userId: string): Promise<boolean> {
    const rows = await this.tenants.sequelize.query(
      `SELECT 1 FROM workspace_members wm JOIN users u ON u.id = wm.user_id AND u.deleted_at IS NULL
        WHERE wm.workspace_id = :workspaceId AND wm.user_id = :userId AND wm.deleted_at IS NULL`,
      { replacements: { workspaceId, userId }, type: QueryTypes.SELECT },
    );
    return rows.length > 0;
  }
}
