export interface SignUpCommand {
  email: string;
  password: string;
  name: string;
  workspaceName: string;
}
