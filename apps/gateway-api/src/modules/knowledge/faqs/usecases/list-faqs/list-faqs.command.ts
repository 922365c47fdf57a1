export interface ListFaqsCommand {
  botId: string;
  q?: string;
  limit: number;
  cursor?: string;
}
