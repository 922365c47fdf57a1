import { Injectable, Logger } from '@nestjs/common';
import type { Sequelize } from 'sequelize';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import { ServerEvents, type SlaBreachedEvent } from '@cxgenie/contracts';
import { TicketSlaStore, firstResponseFact } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';

/**
 * The scheduled SLA check: records first responses, then every target crossed since the last
 * check, once, and tells the workspace's agents (and the assignee by name) and analytics. Covers the shared
 * database and every dedicated workspace database.
 */
@Injectable()
export class CheckSlaBreaches {
  private readonly logger = new Logger(CheckSlaBreaches.name);

  constructor(
    private readonly tenants: TenantConnections,
    private readonly sla: TicketSlaStore,
    private readonly broadcaster: RealtimeBroadcaster,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  /** Returns the breaches recorded by this run. */
  async execute(): Promise<SlaBreachedEvent[]> {
    const breaches: SlaBreachedEvent[] = [];
    const databases = await this.tenants.databases((workspaceId, error) =>
      this.logger.warn(`SLA check skipped workspace ${workspaceId}: ${error.message}`),
    );
    for (const { sequelize, workspaceIds } of databases)
      breaches.push(...(await this.check(sequelize, workspaceIds)));
    for (const breach of breaches) {
      this.broadcaster.toAgents(breach.workspaceId, ServerEvents.SlaBreached, breach, [
        breach.assigneeId,
      ]);
      this.analytics.record({
        type: 'sla.breached',
        // Each target of a ticket is breached once.
        id: `${breach.ticketId}:${breach.target}`,
        workspaceId: breach.workspaceId,
        occurredAt: breach.breachedAt,
        conversationId: breach.conversationId,
        ticketId: breach.ticketId,
        agentId: breach.assigneeId,
        target: breach.target,
        priority: breach.priority,
      });
    }
    if (breaches.length > 0) this.logger.log(`${breaches.length} SLA breach(es) recorded`);
    return breaches;
  }

  private async check(
    sequelize: Sequelize,
    workspaceIds: string[] | null,
  ): Promise<SlaBreachedEvent[]> {
    for (const response of await this.sla.recordFirstResponses(sequelize, workspaceIds))
      this.analytics.record(firstResponseFact(response, null));
    const rows = await this.sla.recordBreaches(sequelize, workspaceIds);
    return rows.map((row) => ({
      workspaceId: row.workspace_id,
      ticketId: row.ticket_id,
      conversationId: row.conversation_id,
      target: row.target,
      priority: row.priority,
      assigneeId: row.assignee_id,
      dueAt: new Date(row.due_at).toISOString(),
      breachedAt: new Date(row.breached_at).toISOString(),
    }));
  }
}
