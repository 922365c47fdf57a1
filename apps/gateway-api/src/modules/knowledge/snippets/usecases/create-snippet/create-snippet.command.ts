export interface CreateSnippetCommand {
  botId: string;
  title: string;
  content: string;
}
