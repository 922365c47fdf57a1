import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import { OrderedDelivery } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import type { EmailOutboundJob } from '../../outbound-job';
import { EmailResumes } from '../../steps/email-resumes.step';
import { SendPendingEmail } from '../../steps/send-pending-email.step';

const LOCK_TTL_MS = 60_000;

/**
 * Sends a conversation's queued messages by mail, strictly in sequence order: whoever holds the
 * conversation's lock sends every queued message, oldest first. A server that refuses for now
 * (4xx, connection trouble) holds the conversation until the message's next attempt (kept on the
 * message, so whichever worker picks the conversation up waits too), with one delayed job to
 * resume; one that refuses for good (5xx, a refused login), or the last attempt, fails the message
 * with the server's words, tells the agents and hands the conversation to a human. A bounce that
 * arrives later fails a sent message the same way (ReceiveEmail).
 */
@Injectable()
export class DeliverEmails {
  constructor(
    private readonly tenants: TenantConnections,
    private readonly ordered: OrderedDelivery,
    private readonly resumes: EmailResumes,
    private readonly send: SendPendingEmail,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Under the deployment's prefix, as its queues are. */
  private lockKey(conversationId: string): string {
    return `${this.config.queuePrefix}:email:outbound:${conversationId}`;
  }

  /** Returns how many messages this call sent or failed for good. */
  async drain(job: EmailOutboundJob): Promise<number> {
    const scope = await this.tenants.scope(job.workspaceId);
    return this.ordered.drain(
      scope,
      job.conversationId,
      { key: this.lockKey(job.conversationId), ttlMs: LOCK_TTL_MS },
      async (message) =>
        (await this.resumes.heldBack(job, message))
          ? 'wait'
          : this.send.execute(scope, job, message),
    );
  }
}
