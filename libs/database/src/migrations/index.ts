import type { Migration } from './migration';
import { initialSchema } from './0001-initial-schema';
import { listIndexes } from './0002-list-indexes';
import { conversationPipeline } from './0003-conversation-pipeline';
import { conversationProcessedAt } from './0004-conversation-processed-at';
import { embeddingCache } from './0005-embedding-cache';
import { channelDeliveryIds } from './0007-channel-delivery-ids';
import { handoffTickets } from './0008-handoff-tickets';
import { conversationFillfactor } from './0009-conversation-fillfactor';
import { messageConversationKey } from './0010-message-conversation-key';
import { tenantRoutes } from './0011-tenant-routes';
import { ticketSlaPause } from './0012-ticket-sla-pause';
import { botVisitorIdentity } from './0013-bot-visitor-identity';
import { deadLetters } from './0014-dead-letters';
import { outbox } from './0015-outbox';
import { botSmallTalk } from './0020-bot-small-talk';
import { EMAIL_TENANT_TABLES, emailChannel } from './0023-email-channel';
import { TENANT_TABLES as INITIAL_TENANT_TABLES } from './0001-initial-schema';
import { messageSentiment } from './0027-message-sentiment';

/**
 * Every migration, in order. Listed statically rather than globbed so the same list runs under
 * scripts/run-ts.js, Jest and the compiled build.
 */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  listIndexes,
  conversationPipeline,
  conversationProcessedAt,
  embeddingCache,
  channelDeliveryIds,
  handoffTickets,
  conversationFillfactor,
  messageConversationKey,
  tenantRoutes,
  ticketSlaPause,
  botVisitorIdentity,
  deadLetters,
  outbox,
  botSmallTalk,
  emailChannel,
  messageSentiment,
];

/** Tables a workspace owns, parents before children: the order to copy them between databases. */
export const TENANT_TABLES: readonly string[] = [...INITIAL_TENANT_TABLES, ...EMAIL_TENANT_TABLES];
