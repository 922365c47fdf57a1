import type { Sequelize, Transaction } from 'sequelize';
import type { TicketEventType } from '@cxgenie/contracts';

export interface TicketEventRecord {
  workspaceId: string;
  ticketId: string;
  type: TicketEventType;
  actorType: 'agent' | 'bot' | 'system' | 'customer';
  actorId: string | null;
  data: Record<string, unknown>;
}

/** Appends rows to a ticket's history, in the given order, in one statement. */
export async function recordTicketEvents(
  sequelize: Sequelize,
  events: TicketEventRecord[],
  transaction?: Transaction,
): Promise<void> {
  if (events.length === 0) return;
  const replacements: Record<string, unknown> = {};
  const rows = events.map((event, i) => {
    replacements[`w${i}`] = event.workspaceId;
    replacements[`t${i}`] = event.ticketId;
    replacements[`y${i}`] = event.type;
    replacements[`a${i}`] = event.actorType;
    replacements[`i${i}`] = event.actorId;
    replacements[`d${i}`] = JSON.stringify(event.data);
    // Microseconds apart, so history reads back in the order it was written.
    return `(:w${i}, :t${i}, :y${i}, :a${i}, :i${i}, CAST(:d${i} AS jsonb), clock_timestamp())`;
  });
  await sequelize.query(
    `INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, actor_id, data, created_at)
     VALUES ${rows.join(', ')}`,
    { replacements, transaction },
  );
}
