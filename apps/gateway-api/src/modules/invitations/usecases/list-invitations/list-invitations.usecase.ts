import { Injectable } from '@nestjs/common';
import { InvitationRepository } from '@cxgenie/database';
import type { PageResponse } from '../../../../core-modules/http/pagination.dto';
import type { InvitationResponse } from '../../dto/invitation.dto';
import { presentInvitation } from '../../invitation.presenter';
import type { ListInvitationsCommand } from './list-invitations.command';

/** Pending invitations only: accepted ones are members now, revoked and expired ones are dead. */
@Injectable()
export class ListInvitations {
  constructor(private readonly invitations: InvitationRepository) {}

  async execute({
    scope,
    limit,
    cursor,
  }: ListInvitationsCommand): Promise<PageResponse<InvitationResponse>> {
    const page = await this.invitations.list(scope, {
      where: InvitationRepository.pendingWhere(),
      limit,
      cursor,
    });
    return { items: page.items.map(presentInvitation), nextCursor: page.nextCursor };
  }
}
