/** A customer message the pipeline is about to handle, and its conversation as it is now. */
export interface CaptureCsatReplyCommand {
  conversationId: string;
  message: { id: string; seq: number; text: string };
  conversation: { status: string; channel_id: string; customer_id: string };
}
