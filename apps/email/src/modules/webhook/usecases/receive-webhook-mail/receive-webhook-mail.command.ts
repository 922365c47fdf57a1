/** An inbound webhook call as the controller received it. */
export interface ReceiveWebhookMailCommand {
  channelId: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

/** The answer to the inbound-parse service: what became of the mail. */
export interface WebhookMailReceipt {
  outcome: 'accepted' | 'auto_reply' | 'duplicate' | 'bounce' | 'ignored';
  conversationId?: string;
  messageId?: string;
  reason?: string;
}
