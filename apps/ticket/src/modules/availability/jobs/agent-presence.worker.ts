import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import { QueueWorker } from '@cxgenie/bootstrap';
import { type AgentPresenceJobData, QueueNames } from '@cxgenie/contracts';
import { RecomputeAvailability } from '../usecases/recompute-availability/recompute-availability.usecase';

/** Consumes `agent.presence`: a gateway saw an agent connect, leave, choose a status or act. */
@Injectable()
export class AgentPresenceWorker extends QueueWorker<AgentPresenceJobData, string> {
  constructor(
    @InjectQueue(QueueNames.AgentPresence) queue: Queue<AgentPresenceJobData>,
    private readonly recompute: RecomputeAvailability,
  ) {
    super(queue, 8);
  }

  protected async handle({ data }: Job<AgentPresenceJobData>): Promise<string> {
    const { workspaceId, userId, source } = data;
    const change = await this.recompute.execute({ workspaceId, userId, source });
    return change ? `${change.previous} -> ${change.availability}` : 'unchanged';
  }
}
