export interface ListKnowledgeEntriesCommand {
  botId: string;
  /** Case-insensitive substring of the kind's search field. */
  q?: string;
  limit: number;
  cursor?: string;
}
