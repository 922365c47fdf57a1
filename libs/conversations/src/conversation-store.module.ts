import { Global, Module } from '@nestjs/common';
import { ConversationActionsStore } from './agent-actions/conversation-actions.store';
import { CsatRatingsStore } from './csat/csat-ratings.store';
import { DeadLetterStore } from './dead-letters/dead-letter.store';
import { RepeatedFailures } from './dead-letters/repeated-failures';
import { MessageDeliveriesStore } from './deliveries/message-deliveries.store';
import { HandoffStore } from './handoff/handoff.store';
import { ConversationIntakeStore } from './intake/conversation-intake.store';
import { MessageSentimentStore } from './messages/message-sentiment.store';
import { OutboundMessageStore } from './messages/outbound-message.store';
import { OutboxStore } from './outbox/outbox.store';
import { ConversationBacklogStore } from './pipeline/conversation-backlog.store';
import { ConversationFenceStore } from './pipeline/conversation-fence.store';
import { TicketAssignmentStore } from './tickets/ticket-assignment.store';
import { TicketReader } from './tickets/ticket.reader';
import { TicketSlaStore } from './tickets/ticket-sla.store';
import { TicketUpdatesStore } from './tickets/ticket-updates.store';

const STORES = [
  ConversationIntakeStore,
  ConversationBacklogStore,
  ConversationFenceStore,
  OutboundMessageStore,
  MessageSentimentStore,
  ConversationActionsStore,
  CsatRatingsStore,
  MessageDeliveriesStore,
  HandoffStore,
  TicketReader,
  TicketAssignmentStore,
  TicketUpdatesStore,
  TicketSlaStore,
  DeadLetterStore,
  RepeatedFailures,
  OutboxStore,
];

/**
 * The conversation owner's stores: the only code that writes conversations, messages, tickets,
 * their history, CSAT ratings and the work set aside as dead letters. Stateless; they need only the
 * tenant scope each call is given (and Redis, to count repeated failures).
 */
@Global()
@Module({ providers: STORES, exports: STORES })
export class ConversationStoreModule {}
