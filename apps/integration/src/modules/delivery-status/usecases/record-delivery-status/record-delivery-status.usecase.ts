import { Injectable } from '@nestjs/common';
import { type PlatformStatusUpdate, ServerEvents } from '@cxgenie/contracts';
import { MessageDeliveriesStore } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { PendingStatuses } from '../../pending-statuses';

export interface RecordedStatuses {
  applied: number;
  /** Receipts about messages we have not recorded an id for yet (kept for a while). */
  pending: number;
}

/**
 * Records a platform's receipts on our outbound messages (a status only ever moves forward) and
 * pushes each change to both sides of the conversation.
 */
@Injectable()
export class RecordDeliveryStatus {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly deliveries: MessageDeliveriesStore,
    private readonly broadcaster: RealtimeBroadcaster,
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
      const receipt = await this.deliveries.applyReceipt(scope, update);
      if (!receipt) {
        if (keepUnknown) {
          await this.pending.keep(update);
          result.pending += 1;
        }
        continue;
      }
      if (!receipt.changed) continue;
      result.applied += 1;
      this.broadcaster.toConversation(
        workspaceId,
        receipt.conversationId,
        ServerEvents.MessageStatus,
        {
          conversationId: receipt.conversationId,
          messageId: receipt.messageId,
          status: update.status,
          reason: update.reason,
          at: update.at,
        },
      );
    }
    return result;
  }
}
