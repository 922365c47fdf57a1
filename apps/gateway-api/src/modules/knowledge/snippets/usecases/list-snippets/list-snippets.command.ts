export interface ListSnippetsCommand {
  botId: string;
  q?: string;
  limit: number;
  cursor?: string;
}
