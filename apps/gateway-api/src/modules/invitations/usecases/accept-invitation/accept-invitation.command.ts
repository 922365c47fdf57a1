export interface AcceptInvitationCommand {
  token: string;
  name?: string;
  password: string;
}
