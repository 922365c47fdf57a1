export interface SwitchWorkspaceCommand {
  workspaceId: string;
}
