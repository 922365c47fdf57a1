import { Injectable } from '@nestjs/common';
import { ApiValidationException } from '@cxgenie/bootstrap';
import type { TicketPayload } from '@cxgenie/contracts';
import { TicketReader, presentTicket } from '@cxgenie/conversations';
import type { TenantScope } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import {
  decodeConversationCursor,
  encodeConversationCursor,
} from '../../../conversations/conversation-cursor';
import type { ListTicketsCommand } from './list-tickets.command';

const FILTERS: [keyof ListTicketsCommand, string][] = [
  ['status', 't.status = :status'],
  ['priority', 't.priority = :priority'],
  ['assignee', 't.assignee_id = :assignee'],
  ['conversationId', 't.conversation_id = :conversationId'],
];

/**
 * Tickets newest first, filtered, paged by (created_at, id). The cursor carries PostgreSQL's own
 * microsecond timestamp, like the inbox's, so no row is skipped or repeated between pages.
 */
@Injectable()
export class ListTickets {
  constructor(private readonly tickets: TicketReader) {}

  async execute(
    scope: TenantScope,
    command: ListTicketsCommand,
  ): Promise<PageResponse<TicketPayload>> {
    if (command.unassigned && command.assignee)
      throw new ApiValidationException([
        { field: 'unassigned', message: 'cannot be combined with assignee' },
      ]);
    const where: string[] = [];
    const replacements: Record<string, unknown> = {};
    for (const [key, condition] of FILTERS) {
      if (command[key] === undefined) continue;
      where.push(condition);
      replacements[key] = command[key];
    }
    if (command.unassigned) where.push('t.assignee_id IS NULL');
    if (command.tag !== undefined) {
      where.push('t.tags @> CAST(:tags AS jsonb)');
      replacements['tags'] = JSON.stringify([command.tag]);
    }
    if (command.cursor) {
      const cursor = decodeConversationCursor(command.cursor);
      where.push(`(t.created_at, t.id) < ((:cursorAt)::timestamp AT TIME ZONE 'UTC', :cursorId)`);
      replacements['cursorAt'] = cursor.at;
      replacements['cursorId'] = cursor.id;
    }
    const rows = await this.tickets.list(scope, where, replacements, command.limit + 1);
    const page = rows.slice(0, command.limit);
    const last = page[page.length - 1];
    const now = new Date();
    return {
      items: page.map((row) => presentTicket(row, now)),
      nextCursor:
        rows.length > command.limit && last
          ? encodeConversationCursor({ at: last.cursor_at, id: last.id })
          : null,
    };
  }
}
