import type { Sequelize, Transaction } from 'sequelize';
import type { TicketEventType } from '@cxgenie/contracts';

/** Who changed a ticket, as its history records it. */
export interface TicketActor {
  actorType: 'agent' | 'bot' | 'system' | 'customer';
  actorId: string | null;
  /** Set when an API key acted: the history names the key, as no member did. */
  apiKeyId?: string;
}

export interface HistoryEntry {
  type: TicketEventType;
  data: Record<string, unknown>;
}

export interface RecordedEntry {
  id: string;
  created_at: Date;
}

/**
 * Appends entries to one ticket's history, in order, in one statement (clock_timestamp keeps
 * them microseconds apart, so the history reads back in the order written).
 */
export async function recordTicketHistory(
  sequelize: Sequelize,
  workspaceId: string,
  ticketId: string,
  actor: TicketActor,
  entries: HistoryEntry[],
  transaction?: Transaction,
): Promise<RecordedEntry[]> {
  if (entries.length === 0) return [];
  const replacements: Record<string, unknown> = {
    workspaceId,
    ticketId,
    actorType: actor.actorType,
    actorId: actor.actorId,
  };
  const values = entries.map((entry, i) => {
    replacements[`type${i}`] = entry.type;
    replacements[`data${i}`] = JSON.stringify(
      actor.apiKeyId ? { ...entry.data, apiKeyId: actor.apiKeyId } : entry.data,
    );
    return `(:workspaceId, :ticketId, :type${i}, :actorType, :actorId, CAST(:data${i} AS jsonb), clock_timestamp())`;
  });
  const [rows] = await sequelize.query(
    `INSERT INTO ticket_events (workspace_id, ticket_id, type, actor_type, actor_id, data, created_at)
     VALUES ${values.join(', ')} RETURNING id, created_at`,
    { replacements, transaction },
  );
  return rows as RecordedEntry[];
}
