import { Injectable } from '@nestjs/common';
import { OrderedDelivery } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { IntegrationKeys } from '../../../../core-modules/locks/integration-keys';
import type { OutboundJob } from '../../outbound-job';
import { OutboundResumes } from '../../steps/outbound-resumes.step';
import { SendPendingMessage } from '../../steps/send-pending-message.step';

const LOCK_TTL_MS = 30_000;

/**
 * Delivers a conversation's outbound messages to its platform strictly in sequence order. A job
 * means "this conversation has something to send": whoever holds the conversation's lock sends
 * every queued message, smallest seq first, so two workers never send out of order. A message the
 * platform refuses for now holds the whole conversation for its retry delay; one it refuses for
 * good is marked failed with the platform's reason and the agents are told. Nothing is dropped
 * without a status.
 */
@Injectable()
export class DeliverConversation {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly ordered: OrderedDelivery,
    private readonly keys: IntegrationKeys,
    private readonly resumes: OutboundResumes,
    private readonly send: SendPendingMessage,
  ) {}

  /** Returns how many messages this call sent or failed for good. */
  async drain(job: OutboundJob): Promise<number> {
    const scope = await this.tenants.scope(job.workspaceId);
    return this.ordered.drain(
      scope,
      job.conversationId,
      { key: this.keys.outboundLock(job.conversationId), ttlMs: LOCK_TTL_MS },
      (message) => this.send.execute(scope, job, message),
      () => this.resumes.waitingOutDelay(job),
    );
  }
}
