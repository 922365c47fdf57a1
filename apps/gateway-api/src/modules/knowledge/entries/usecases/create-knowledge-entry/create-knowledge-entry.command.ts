/** The bot, and the kind's two text fields by name. */
export interface CreateKnowledgeEntryCommand {
  botId: string;
  fields: Record<string, string>;
}
