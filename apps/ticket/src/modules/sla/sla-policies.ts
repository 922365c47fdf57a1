import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import { DEFAULT_SLA_POLICIES, type TicketPriority } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';

export interface SlaPolicy {
  firstResponseSeconds: number;
  resolutionSeconds: number;
}

/** A workspace's SLA targets (control plane, like its members), falling back to the defaults. */
@Injectable()
export class SlaPolicies {
  constructor(private readonly tenants: TenantConnections) {}

  async of(workspaceId: string, priority: TicketPriority): Promise<SlaPolicy> {
    const [row] = await this.tenants.sequelize.query<{
      first_response_seconds: number;
      resolution_seconds: number;
    }>(
      `SELECT first_response_seconds, resolution_seconds FROM sla_policies
        WHERE workspace_id = :workspaceId AND priority = :priority`,
      { replacements: { workspaceId, priority }, type: QueryTypes.SELECT },
    );
    return row
      ? {
          firstResponseSeconds: row.first_response_seconds,
          resolutionSeconds: row.resolution_seconds,
        }
      : DEFAULT_SLA_POLICIES[priority];
  }
}
