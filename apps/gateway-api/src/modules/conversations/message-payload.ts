import type { MessagePayload } from '@cxgenie/contracts';
import type { Message } from '@cxgenie/database';

/** The wire shape of a persisted message, for sockets and the outbound path. */
export const toMessagePayload = (m: Message): MessagePayload => ({
  id: m.id,
  conversationId: m.conversationId,
  seq: m.seq,
  direction: m.direction,
  senderType: m.senderType,
  text: m.text,
  attachments: m.attachments,
  status: m.status,
  replyToMessageId: m.replyToMessageId ?? null,
  createdAt: m.createdAt.toISOString(),
});
