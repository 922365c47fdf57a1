import type { Attachment } from '@cxgenie/contracts';

/** What earlier attempts at a message left in its metadata. */
export interface DeliveryProgress {
  attempts?: number;
  /** Platform ids of the parts of a split text that already went out. */
  partIds?: string[];
  lastError?: string;
  nextAttemptAt?: string;
}

/** The conversation's next outbound message not yet on the platform. */
export interface PendingDelivery {
  id: string;
  seq: number;
  text: string;
  attachments: Attachment[];
  channel_id: string;
  external_id: string | null;
  last_customer_message_at: Date | null;
  delivery: DeliveryProgress | null;
}
