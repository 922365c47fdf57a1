export interface LogInCommand {
  email: string;
  password: string;
  workspaceId?: string;
}
