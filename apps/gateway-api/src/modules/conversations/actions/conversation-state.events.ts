import { Injectable } from '@nestjs/common';
import {
  type ConversationUpdatedPayload,
  type CsatRequestedPayload,
  type CsatSubmittedPayload,
  ServerEvents,
  conversationRoom,
  workspaceRoom,
} from '@cxgenie/contracts';
import { AgentNamespace } from '../realtime/agent-namespace';
import { CustomerNamespace } from '../realtime/customer-namespace';

/**
 * Announces what agents do to a conversation, through the Redis adapter (every instance). Mode and
 * assignment changes go to the agents only; the customer learns of a closing by the rating request.
 */
@Injectable()
export class ConversationStateEvents {
  constructor(
    private readonly customers: CustomerNamespace,
    private readonly agents: AgentNamespace,
  ) {}

  conversationUpdated(workspaceId: string, payload: ConversationUpdatedPayload): void {
    this.agents.server
      ?.to(workspaceRoom(workspaceId))
      .emit(ServerEvents.ConversationUpdated, payload);
  }

  csatRequested(payload: CsatRequestedPayload): void {
    this.customers.server
      ?.to(conversationRoom(payload.conversationId))
      .emit(ServerEvents.CsatRequested, payload);
  }

  csatSubmitted(workspaceId: string, payload: CsatSubmittedPayload): void {
    this.agents.server?.to(workspaceRoom(workspaceId)).emit(ServerEvents.CsatSubmitted, payload);
  }
}
