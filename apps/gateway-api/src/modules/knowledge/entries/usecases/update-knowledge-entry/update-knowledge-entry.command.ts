/** The entry, and whichever of the kind's two text fields change. */
export interface UpdateKnowledgeEntryCommand {
  botId: string;
  id: string;
  fields: Record<string, string | undefined>;
}
