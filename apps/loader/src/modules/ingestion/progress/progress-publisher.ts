import { Injectable } from '@nestjs/common';
import { type KnowledgeSourceProgressEvent, ServerEvents } from '@cxgenie/contracts';
import { RealtimeBroadcaster } from '@cxgenie/realtime';

/**
 * Pushes source progress to the dashboards of the source's workspace. Fire-and-forget: a
 * dashboard that missed an event reads the state from the status endpoint, which PostgreSQL
 * answers, so a lost broadcast never fails the job. Only the contract's fields are sent, so
 * nothing else the ingestion knows (storage keys, sizes) reaches a browser.
 */
@Injectable()
export class ProgressPublisher {
  constructor(private readonly broadcaster: RealtimeBroadcaster) {}

  publish(event: KnowledgeSourceProgressEvent): Promise<void> {
    const { workspaceId, botId, sourceId, status, progress, stats, error, updatedAt } = event;
    this.broadcaster.toAgents(workspaceId, ServerEvents.KnowledgeSourceProgress, {
      workspaceId,
      botId,
      sourceId,
      status,
      progress,
      stats,
      error,
      updatedAt,
    });
    return Promise.resolve();
  }
}
