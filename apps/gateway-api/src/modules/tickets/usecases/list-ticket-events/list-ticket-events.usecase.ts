import { Injectable } from '@nestjs/common';
import { QueryTypes } from 'sequelize';
import type { TicketEventType } from '@cxgenie/contracts';
import type { TenantScope } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import {
  decodeConversationCursor,
  encodeConversationCursor,
} from '../../../conversations/conversation-cursor';
import type { TicketEventRow } from './ticket-event.presenter';

export interface ListTicketEventsCommand {
  ticketId: string;
  /** Only rows of this type (notes); every row when absent. */
  type?: TicketEventType;
  limit: number;
  cursor?: string;
}

/** A ticket's history, oldest first (the order it happened in), paged by (created_at, id). */
@Injectable()
export class ListTicketEvents {
  async execute(
    scope: TenantScope,
    command: ListTicketEventsCommand,
  ): Promise<PageResponse<TicketEventRow>> {
    const [ticket] = await scope.sequelize.query(
      'SELECT id FROM tickets WHERE id = :ticketId AND workspace_id = :workspaceId',
      {
        replacements: { ticketId: command.ticketId, workspaceId: scope.workspaceId },
        type: QueryTypes.SELECT,
      },
    );
    if (!ticket) throw new ResourceNotFoundException('Ticket');
    const where = ['e.ticket_id = :ticketId', 'e.workspace_id = :workspaceId'];
    const replacements: Record<string, unknown> = {
      ticketId: command.ticketId,
      workspaceId: scope.workspaceId,
      limit: command.limit + 1,
    };
    if (command.type) {
      where.push('e.type = :type');
      replacements['type'] = command.type;
    }
    if (command.cursor) {
      const cursor = decodeConversationCursor(command.cursor);
      where.push(`(e.created_at, e.id) > ((:cursorAt)::timestamp AT TIME ZONE 'UTC', :cursorId)`);
      replacements['cursorAt'] = cursor.at;
      replacements['cursorId'] = cursor.id;
    }
    const rows = await scope.sequelize.query<TicketEventRow>(
      `SELECT e.id, e.type, e.actor_type, e.actor_id, e.data, e.created_at,
              to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS cursor_at
         FROM ticket_events e
        WHERE ${where.join(' AND ')}
        ORDER BY e.created_at, e.id
        LIMIT :limit`,
      { replacements, type: QueryTypes.SELECT },
    );
    const page = rows.slice(0, command.limit);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor:
        rows.length > command.limit && last
          ? encodeConversationCursor({ at: last.cursor_at, id: last.id })
          : null,
    };
  }
}
