export interface ReconcileBotIndexCommand {
  workspaceId: string;
  botId: string;
}
