import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { DEFAULT_SLA_POLICIES, TICKET_PRIORITIES, type TicketPriority } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';

export interface SlaPolicyView {
  priority: TicketPriority;
  firstResponseSeconds: number;
  resolutionSeconds: number;
  /** True while the workspace has not set its own targets for this priority. */
  isDefault: boolean;
}

interface PolicyRow {
  priority: TicketPriority;
  first_response_seconds: number;
  resolution_seconds: number;
}

/**
 * A workspace's SLA targets per priority. Like memberships, control-plane rows (the ticket app
 * reads them when it opens a ticket), filtered by the caller's workspace, never by input.
 */
@Injectable()
export class SlaPolicyStore {
  constructor(private readonly tenants: TenantConnections) {}

  async all(workspaceId: string): Promise<SlaPolicyView[]> {
    const rows = await this.tenants.sequelize.query<PolicyRow>(
      `SELECT priority, first_response_seconds, resolution_seconds FROM sla_policies
        WHERE workspace_id = :workspaceId`,
      { replacements: { workspaceId }, type: QueryTypes.SELECT },
    );
    return TICKET_PRIORITIES.map((priority) => {
      const row = rows.find((r) => r.priority === priority);
      return row
        ? {
            priority,
            firstResponseSeconds: row.first_response_seconds,
            resolutionSeconds: row.resolution_seconds,
            isDefault: false,
          }
        : { priority, ...DEFAULT_SLA_POLICIES[priority], isDefault: true };
    });
  }

  async of(workspaceId: string, priority: TicketPriority): Promise<SlaPolicyView> {
    return (await this.all(workspaceId)).find((p) => p.priority === priority)!;
  }

  async put(
    workspaceId: string,
    priority: TicketPriority,
    targets: { firstResponseSeconds: number; resolutionSeconds: number },
  ): Promise<SlaPolicyView> {
    await this.tenants.sequelize.query(
      `INSERT INTO sla_policies (workspace_id, priority, first_response_seconds, resolution_seconds)
       VALUES (:workspaceId, :priority, :firstResponseSeconds, :resolutionSeconds)
       ON CONFLICT (workspace_id, priority) DO UPDATE
         SET first_response_seconds = EXCLUDED.first_response_seconds,
             resolution_seconds = EXCLUDED.resolution_seconds, updated_at = now()`,
      { replacements: { workspaceId, priority, ...targets } },
    );
    return { priority, ...targets, isDefault: false };
  }
}
