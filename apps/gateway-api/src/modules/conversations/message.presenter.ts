import type { Message } from '@cxgenie/database';
import { presentEmail } from './email-message.presenter';

export const presentMessage = (m: Message) => ({
  id: m.id,
  conversationId: m.conversationId,
  seq: m.seq,
  direction: m.direction,
  senderType: m.senderType,
  senderId: m.senderId,
  text: m.text,
  attachments: m.attachments,
  status: m.status,
  error: m.error,
  platformMessageId: m.platformMessageId,
  traceId: m.traceId,
  email: presentEmail(m.metadata),
  createdAt: m.createdAt,
});

export type MessageView = ReturnType<typeof presentMessage>;
