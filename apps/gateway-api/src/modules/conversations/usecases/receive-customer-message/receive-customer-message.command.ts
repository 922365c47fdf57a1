import type { Attachment } from '@cxgenie/contracts';

export interface ReceiveCustomerMessageCommand {
  conversationId: string;
  text: string;
  attachments?: Attachment[];
  /** The platform's id for the message, when it came from one (dedupe key per channel). */
  platformMessageId?: string;
}
