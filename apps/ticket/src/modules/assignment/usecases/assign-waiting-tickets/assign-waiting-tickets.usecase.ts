import { Injectable } from '@nestjs/common';
import { QueryTypes, type Transaction } from 'sequelize';
import { TicketAssignmentStore } from '@cxgenie/conversations';
import { TenantConnections, type TenantScope } from '@cxgenie/database';
import type { Assignment } from '../../assignment';
import { type AssignmentCandidate, chooseAssignee } from '../../choose-assignee';

interface CandidateRow {
  user_id: string;
  capacity: number;
  last_assigned_at: Date | null;
}

/**
 * Hands waiting (unassigned, active) tickets to online agents with room, most urgent and oldest
 * first, until the tickets or the room run out. Runs under a per-workspace advisory lock on the
 * control database, so two ticket instances (or a handoff and a presence change at once) never
 * both give the last free slot of an agent away.
 */
@Injectable()
export class AssignWaitingTickets {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly assignments: TicketAssignmentStore,
  ) {}

  async execute(workspaceId: string): Promise<Assignment[]> {
    const scope = await this.tenants.scope(workspaceId);
    return this.tenants.sequelize.transaction(async (control) => {
      await this.tenants.sequelize.query(
        'SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))',
        {
          replacements: { key: `ticket-assignment:${workspaceId}` },
          transaction: control,
        },
      );
      const candidates = await this.onlineAgents(scope, control);
      const room = candidates.reduce((sum, c) => sum + Math.max(0, c.capacity - c.load), 0);
      if (room === 0) return [];
      const made: Assignment[] = [];
      for (const ticketId of await this.waitingTickets(scope, room)) {
        const pick = chooseAssignee(candidates);
        if (!pick) break;
        const change = await scope.sequelize.transaction((transaction) =>
          this.assignments.assignBySystem(
            scope,
            {
              ticketId,
              assigneeId: pick.userId,
              mode: 'auto',
              actorId: null,
              onlyIfUnassigned: true,
            },
            transaction,
          ),
        );
        if (!change) continue;
        pick.load += 1;
        pick.lastAssignedAt = Date.now();
        await this.tenants.sequelize.query(
          `UPDATE workspace_members SET last_assigned_at = clock_timestamp()
            WHERE workspace_id = :workspaceId AND user_id = :userId AND deleted_at IS NULL`,
          { replacements: { workspaceId, userId: pick.userId }, transaction: control },
        );
        made.push({ workspaceId, ...change, assigneeId: pick.userId, mode: 'auto', actorId: null });
      }
      return made;
    });
  }

  /** Online members of any role, with how many active tickets each holds. */
  private async onlineAgents(
    scope: TenantScope,
    control: Transaction,
  ): Promise<AssignmentCandidate[]> {
    const rows = await this.tenants.sequelize.query<CandidateRow>(
      `SELECT wm.user_id, wm.max_concurrent_conversations AS capacity, wm.last_assigned_at
         FROM workspace_members wm
         JOIN users u ON u.id = wm.user_id AND u.deleted_at IS NULL
        WHERE wm.workspace_id = :workspaceId AND wm.deleted_at IS NULL AND wm.availability = 'online'`,
      {
        replacements: { workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
        transaction: control,
      },
    );
    if (rows.length === 0) return [];
    const loads = await scope.sequelize.query<{ assignee_id: string; load: number }>(
      `SELECT assignee_id, count(*)::int AS load FROM tickets
        WHERE workspace_id = :workspaceId AND status IN ('open', 'pending') AND assignee_id IN (:userIds)
        GROUP BY assignee_id`,
      {
        replacements: { workspaceId: scope.workspaceId, userIds: rows.map((r) => r.user_id) },
        type: QueryTypes.SELECT,
      },
    );
    const loadOf = new Map(loads.map((l) => [l.assignee_id, l.load]));
    return rows.map((row) => ({
      userId: row.user_id,
      capacity: row.capacity,
      load: loadOf.get(row.user_id) ?? 0,
      lastAssignedAt: row.last_assigned_at ? new Date(row.last_assigned_at).getTime() : null,
    }));
  }

  private async waitingTickets(scope: TenantScope, limit: number): Promise<string[]> {
    const rows = await scope.sequelize.query<{ id: string }>(
      `SELECT id FROM tickets
        WHERE workspace_id = :workspaceId AND assignee_id IS NULL AND status IN ('open', 'pending')
        ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,
                 created_at, id
        LIMIT :limit`,
      {
        replacements: { workspaceId: scope.workspaceId, limit },
        type: QueryTypes.SELECT,
      },
    );
    return rows.map((r) => r.id);
  }
}
