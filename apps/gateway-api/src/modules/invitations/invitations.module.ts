import { Module } from '@nestjs/common';
import { InvitationRepository, MemberRepository } from '@cxgenie/database';
import { InvitationsController } from './invitations.controller';
import { AcceptInvitation } from './usecases/accept-invitation/accept-invitation.usecase';
import { CreateInvitation } from './usecases/create-invitation/create-invitation.usecase';
import { ListInvitations } from './usecases/list-invitations/list-invitations.usecase';
import { RevokeInvitation } from './usecases/revoke-invitation/revoke-invitation.usecase';

@Module({
  controllers: [InvitationsController],
  providers: [
    InvitationRepository,
    MemberRepository,
    CreateInvitation,
    ListInvitations,
    RevokeInvitation,
    AcceptInvitation,
  ],
})
export class InvitationsModule {}
