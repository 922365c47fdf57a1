import type { INestApplication } from '@nestjs/common';
import Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { QueryTypes, Sequelize } from 'sequelize';
import type { ServiceEntry } from '@cxgenie/bootstrap';
import {
  type HandoffRequestJobData,
  QueueNames,
  type ServiceName,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { bootService } from '../boot-service';
import { sharedQueuePrefix } from '../clients/knowledge';
import type { LogCapture } from '../log-capture';
import { spawnService } from '../spawn-service';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-env';

/** A service of the stack, in this process (the app under test) or its own. */
export interface StackService {
  url: string;
  logs: LogCapture;
  /** Set when the service runs in this process. */
  app: INestApplication | null;
  close(): Promise<void>;
}

/** gateway-api and the ticket app (and core-ai, when answers are needed) sharing their queues. */
export interface TicketStack {
  queuePrefix: string;
  coreAi: StackService | null;
  gateway: StackService;
  ticket: StackService;
  handoffRequests: Bull.Queue<HandoffRequestJobData>;
  /** The test database, for seeding and for reading what the services wrote. */
  sequelize: Sequelize;
  close(): Promise<void>;
}

export interface TicketStackOptions {
  withCoreAi?: boolean;
  /** The pace of core-ai's answers, for tests that need one to last while they act. */
  answerTokenDelayMs?: number;
  ticketEnv?: Record<string, string>;
  /**
   * The app under test runs in this process (its entry is given here); every other service of
   * the stack runs as its own process, so no app's tests load another app's code. Without one
   * (a benchmark), every service is a process of its own.
   */
  inProcess?: ServiceEntry;
}

/**
 * The env of a ticket app whose test does not exercise SLA checks: checks once an hour. Every test
 * stack shares the test database, and a check covers every workspace in it: a stack checking
 * often would record another suite's breaches first and publish their facts on its own queues,
 * where that suite never sees them.
 */
export const SLA_CHECKS_AWAY = { SLA_CHECK_INTERVAL_MS: '3600000' } as const;

export async function startTicketStack({
  withCoreAi = false,
  answerTokenDelayMs = 0,
  ticketEnv = {},
  inProcess,
}: TicketStackOptions): Promise<TicketStack> {
  const queuePrefix = sharedQueuePrefix();
  const start = async (name: ServiceName, env: Record<string, string>): Promise<StackService> => {
    if (inProcess?.name === name) {
      const booted = await bootService(inProcess, env);
      return { url: booted.url, logs: booted.logs, app: booted.app, close: booted.close };
    }
    const spawned = await spawnService(name, env);
    return { url: spawned.url, logs: spawned.logs, app: null, close: spawned.close };
  };
  const coreAi = withCoreAi
    ? await start('core-ai', {
        LOCAL_LLM_TOKEN_DELAY_MS: String(answerTokenDelayMs),
        QUEUE_PREFIX: queuePrefix,
      })
    : null;
  const [gateway, ticket] = await Promise.all([
    start('gateway-api', {
      QUEUE_PREFIX: queuePrefix,
      ...(coreAi ? { [serviceUrlEnvVar('core-ai')]: coreAi.url } : {}),
    }),
    start('ticket', { QUEUE_PREFIX: queuePrefix, ...SLA_CHECKS_AWAY, ...ticketEnv }),
  ]);
  const handoffRequests = new Bull<HandoffRequestJobData>(
    QueueNames.HandoffRequests,
    TEST_REDIS_URL,
    { prefix: queuePrefix },
  );
  const sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
  return {
    queuePrefix,
    coreAi,
    gateway,
    ticket,
    handoffRequests,
    sequelize,
    close: async () => {
      await handoffRequests.close();
      await Promise.all([ticket.close(), gateway.close()]);
      await coreAi?.close();
      await sequelize.close();
    },
  };
}

export interface SeededConversation {
  conversationId: string;
  customerId: string;
  messageId: string;
}

/** A customer's conversation with one question, as the widget would have stored it. */
export async function seedHandoffConversation(
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
