export interface SubmitCsatCommand {
  conversationId: string;
  /** The widget customer rating; the conversation must be theirs. */
  customerId: string;
  rating: number;
  comment?: string;
}
