import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { type KnowledgeIndexJobData, QueueNames } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import { withTraceId } from '@cxgenie/observability';

/**
 * Tells core-ai that a FAQ or snippet changed so it re-embeds or removes it. Queued, not called:
 * the edit is saved even when core-ai is down, and the job re-runs until the index agrees. The
 * worker reads the row's current state, so jobs for one entry may run in any order.
 */
@Injectable()
export class KnowledgeIndexPublisher {
  constructor(
    @InjectQueue(QueueNames.KnowledgeIndex)
    private readonly queue: Queue<KnowledgeIndexJobData>,
  ) {}

  async changed(
    scope: TenantScope,
    sourceType: KnowledgeIndexJobData['sourceType'],
    entry: { id: string; botId: string },
    action: KnowledgeIndexJobData['action'],
  ): Promise<void> {
    await this.queue.add(
      withTraceId({
        workspaceId: scope.workspaceId,
        botId: entry.botId,
        sourceType,
        entryId: entry.id,
        action,
      }),
    );
  }
}
