import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { MessageStatus, PlatformStatusUpdate } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { DashboardEvents } from '../../../../core-modules/realtime/dashboard-events';
import { PendingStatuses } from '../../pending-statuses';

/**
 * How far along a message is. Receipts arrive out of order (read before delivered), so a status
 * only ever moves forward; `failed` replaces only a message not yet known to be delivered.
 */
const RANK_SQL = `CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                              WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END`;
const RANK: Record<PlatformStatusUpdate['status'], number> = {
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 2,
};

interface Target {
  id: string;
  conversation_id: string;
  changed: boolean;
}

export interface RecordedStatuses {
  applied: number;
  /** Receipts about messages we have not recorded an id for yet (kept for a while). */
  pending: number;
}

/**
 * Records a platform's receipts on our outbound messages, found by any of the platform ids their
 * parts were sent under, and pushes each change to the dashboard.
 */
@Injectable()
export class RecordDeliveryStatus {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly events: DashboardEvents,
    private readonly pending: PendingStatuses,
  ) {}

  async execute(
    workspaceId: string,
    updates: readonly PlatformStatusUpdate[],
    { keepUnknown = true } = {},
  ): Promise<RecordedStatuses> {
    const result: RecordedStatuses = { applied: 0, pending: 0 };
    if (updates.length === 0) return result;
    const scope = await this.tenants.scope(workspaceId);
    for (const update of updates) {
      const [target] = await scope.sequelize.query<Target>(
        `WITH target AS (
           SELECT id, conversation_id, ${RANK_SQL} AS rank
             FROM messages
            WHERE workspace_id = :workspaceId AND channel_id = :channelId AND direction = 'outbound'
              AND (platform_message_id = :platformMessageId
                   OR metadata -> 'platformMessageIds' @> jsonb_build_array(CAST(:platformMessageId AS text)))
            LIMIT 1
         ), changed AS (
           UPDATE messages m
              SET status = :status, updated_at = now(),
                  error = CASE WHEN :status = 'failed' THEN :reason ELSE m.error END
             FROM target
            WHERE m.id = target.id AND target.rank < :rank
           RETURNING m.id
         )
         SELECT target.id, target.conversation_id, EXISTS (SELECT 1 FROM changed) AS changed FROM target`,
        {
          replacements: {
            workspaceId,
            channelId: update.channelId,
            platformMessageId: update.platformMessageId,
            status: update.status satisfies MessageStatus,
            reason: update.reason,
            rank: RANK[update.status],
          },
          type: QueryTypes.SELECT,
        },
      );
      if (!target) {
        if (keepUnknown) {
          await this.pending.keep(update);
          result.pending += 1;
        }
        continue;
      }
      if (!target.changed) continue;
      result.applied += 1;
      this.events.messageStatus(workspaceId, {
        conversationId: target.conversation_id,
        messageId: target.id,
        status: update.status,
        reason: update.reason,
        at: update.at,
      });
    }
    return result;
  }
}
