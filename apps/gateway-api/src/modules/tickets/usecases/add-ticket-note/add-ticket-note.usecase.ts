import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { TenantScope } from '@cxgenie/database';
import type { Principal } from '../../../../core-modules/auth/principal';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { actorOf, recordHistory } from '../../ticket-history';
import type { TicketNote } from '../list-ticket-events/ticket-event.presenter';

/** An internal note: a row of the ticket's history that only agents ever see. */
@Injectable()
export class AddTicketNote {
  async execute(
    scope: TenantScope,
    principal: Principal,
    ticketId: string,
    text: string,
  ): Promise<TicketNote> {
    const [ticket] = await scope.sequelize.query(
      'SELECT id FROM tickets WHERE id = :ticketId AND workspace_id = :workspaceId',
      { replacements: { ticketId, workspaceId: scope.workspaceId }, type: QueryTypes.SELECT },
    );
    if (!ticket) throw new ResourceNotFoundException('Ticket');
    const actor = actorOf(principal);
    const [row] = await recordHistory(scope.sequelize, scope.workspaceId, ticketId, actor, [
      { type: 'ticket.note_added', data: { text } },
    ]);
    return {
      id: row!.id,
      ticketId,
      authorId: actor.actorId,
      text,
      createdAt: new Date(row!.created_at).toISOString(),
    };
  }
}
