import Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { type HandoffRequestJobData, QueueNames, serviceUrlEnvVar } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { type BootedService, TEST_REDIS_URL, bootService } from '@cxgenie/testing';
import { coreAiService } from '../../../../../core-ai/src/core-ai.service';
import { ticketService } from '../../../../../ticket/src/ticket.service';
import { gatewayApiService } from '../../../gateway-api.service';
import { sharedQueuePrefix } from '../../../testing/knowledge';

/** gateway-api and the ticket app (and core-ai, when answers are needed) sharing their queues. */
export interface TicketStack {
  queuePrefix: string;
  coreAi: BootedService | null;
  gateway: BootedService;
  ticket: BootedService;
  handoffRequests: Bull.Queue<HandoffRequestJobData>;
  sequelize: Sequelize;
  close(): Promise<void>;
}

export async function bootTicketStack({
  withCoreAi = false,
  answerTokenDelayMs = 0,
  ticketEnv = {},
}: {
  withCoreAi?: boolean;
  /** The pace of core-ai's answers, for tests that need one to last while they act. */
  answerTokenDelayMs?: number;
  ticketEnv?: Record<string, string>;
} = {}): Promise<TicketStack> {
  const queuePrefix = sharedQueuePrefix();
  const coreAi = withCoreAi
    ? await bootService(coreAiService, {
        LOCAL_LLM_TOKEN_DELAY_MS: String(answerTokenDelayMs),
        QUEUE_PREFIX: queuePrefix,
      })
    : null;
  const gateway = await bootService(gatewayApiService, {
    QUEUE_PREFIX: queuePrefix,
    ...(coreAi ? { [serviceUrlEnvVar('core-ai')]: coreAi.url } : {}),
  });
  const ticket = await bootService(ticketService, { QUEUE_PREFIX: queuePrefix, ...ticketEnv });
  const handoffRequests = new Bull<HandoffRequestJobData>(
    QueueNames.HandoffRequests,
    TEST_REDIS_URL,
    { prefix: queuePrefix },
  );
  return {
    queuePrefix,
    coreAi,
    gateway,
    ticket,
    handoffRequests,
    sequelize: gateway.app.get(TenantConnections).sequelize,
    close: async () => {
      await handoffRequests.close();
      await ticket.close();
      await gateway.close();
      await coreAi?.close();
    },
  };
}

export interface SeededConversation {
  conversationId: string;
  customerId: string;
  messageId: string;
}

/** A customer's conversation with one question, as the widget would have stored it. */
export async function seedConversation(
  sequelize: Sequelize,
  fixture: { workspaceId: string; botId: string; channelId: string },
  question: string,
): Promise<SeededConversation> {
  const [row] = await sequelize.query<{ conversation_id: string; customer_id: string; id: string }>(
    `WITH cu AS (
       INSERT INTO customers (workspace_id, name, email) VALUES (:workspaceId, 'Dana Customer', 'dana@example.test')
       RETURNING id
     ), c AS (
       INSERT INTO conversations (workspace_id, bot_id, channel_id, customer_id, last_message_seq, processed_inbound_seq)
       SELECT :workspaceId, :botId, :channelId, id, 1, 1 FROM cu RETURNING id, customer_id
     )
     INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text)
     SELECT :workspaceId, c.id, :channelId, 1, 'inbound', 'customer', :question FROM c
     RETURNING conversation_id, (SELECT customer_id FROM c) AS customer_id, id`,
    { replacements: { ...fixture, question }, type: QueryTypes.SELECT },
  );
  return { conversationId: row!.conversation_id, customerId: row!.customer_id, messageId: row!.id };
}

/** What the pipeline queues when a customer asks for a human. */
export const customerRequest = (
  workspaceId: string,
  conversation: SeededConversation,
): HandoffRequestJobData => ({
  workspaceId,
  conversationId: conversation.conversationId,
  reason: 'customer_request',
  messageId: conversation.messageId,
  requestedAt: new Date().toISOString(),
  traceId: randomUUID().replace(/-/g, ''),
});
