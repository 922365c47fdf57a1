export interface UpdateSnippetCommand {
  botId: string;
  id: string;
  title?: string;
  content?: string;
}
