import { Injectable } from '@nestjs/common';
import { TicketUpdatesStore } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';
import { actorOf } from '../../ticket-actor';
import type { TicketNote } from '../list-ticket-events/ticket-event.presenter';

/** An internal note: a row of the ticket's history that only agents ever see. */
@Injectable()
export class AddTicketNote {
  constructor(private readonly updates: TicketUpdatesStore) {}

  async execute(
    scope: TenantScope,
    principal: Principal,
    ticketId: string,
    text: string,
  ): Promise<TicketNote> {
    const actor = actorOf(principal);
    const note = await this.updates.addNote(scope, ticketId, actor, text);
    return {
      id: note.id,
      ticketId,
      authorId: actor.actorId,
      text,
      createdAt: note.createdAt.toISOString(),
    };
  }
}
