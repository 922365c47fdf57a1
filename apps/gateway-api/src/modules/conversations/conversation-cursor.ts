import { InvalidCursorError } from '@cxgenie/database';

/**
 * Position in the inbox, ordered by (last_message_at DESC, id DESC). The timestamp travels as
 * PostgreSQL's own UTC text with microseconds: a JS Date would drop them and skip or repeat rows.
 */
export interface ConversationCursor {
  at: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeConversationCursor = (cursor: ConversationCursor): string =>
  Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');

export function decodeConversationCursor(value: string): ConversationCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const [at, id] = Array.isArray(parsed) ? parsed : [];
  if (typeof at !== 'string' || !TIMESTAMP.test(at) || typeof id !== 'string' || !UUID.test(id)) {
    throw new InvalidCursorError();
  }
  return { at, id };
}
