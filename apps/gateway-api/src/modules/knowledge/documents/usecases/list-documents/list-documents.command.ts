export interface ListDocumentsCommand {
  botId: string;
  limit: number;
  cursor?: string;
}
