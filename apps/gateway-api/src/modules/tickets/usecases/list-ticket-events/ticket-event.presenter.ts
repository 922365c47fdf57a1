import type { TicketEventType } from '@cxgenie/contracts';

export interface TicketEventRow {
  id: string;
  type: TicketEventType;
  actor_type: 'agent' | 'bot' | 'system' | 'customer';
  actor_id: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  cursor_at: string;
}

export interface TicketHistoryEntry {
  id: string;
  type: TicketEventType;
  actorType: TicketEventRow['actor_type'];
  actorId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface TicketNote {
  id: string;
  ticketId: string;
  /** The member who wrote it; null when an API key did. */
  authorId: string | null;
  text: string;
  createdAt: string;
}

export const presentHistoryEntry = (row: TicketEventRow): TicketHistoryEntry => ({
  id: row.id,
  type: row.type,
  actorType: row.actor_type,
  actorId: row.actor_id,
  data: row.data,
  createdAt: new Date(row.created_at).toISOString(),
});

export const presentNote = (ticketId: string, row: TicketEventRow): TicketNote => ({
  id: row.id,
  ticketId,
  authorId: row.actor_id,
  text: typeof row.data['text'] === 'string' ? row.data['text'] : '',
  createdAt: new Date(row.created_at).toISOString(),
});
