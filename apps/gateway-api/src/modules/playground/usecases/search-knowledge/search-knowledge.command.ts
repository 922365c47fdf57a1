export interface SearchKnowledgeCommand {
  botId: string;
  query: string;
  topK?: number;
}
