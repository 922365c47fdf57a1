import { Injectable } from '@nestjs/common';
import { MemberRepository, type WorkspaceMember } from '@cxgenie/database';
import { type Principal, hasRole } from '../../../../core-modules/auth/principal';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import type { MemberResponse } from '../../dto/member.dto';
import { presentMember } from '../../member.presenter';
import { MembersException } from '../../members.exception';
import { assertRoleChangeAllowed } from '../../owner-rules';
import type { UpdateMemberCommand } from './update-member.command';

const isSelf = (principal: Principal, member: WorkspaceMember): boolean =>
  principal.kind === 'user' && principal.userId === member.userId;

/** The route is open to agents so they can set their own availability; all else needs admin. */
@Injectable()
export class UpdateMember {
  constructor(private readonly members: MemberRepository) {}

  async execute(command: UpdateMemberCommand): Promise<MemberResponse> {
    const { scope, principal, memberId, role, availability, maxConcurrentConversations } = command;
    await this.members.withOwnersLocked(scope, memberId, async (locked, transaction) => {
      const { member } = locked;
      if (!member) throw new ResourceNotFoundException('Member');
      const availabilityOnly = role === undefined && maxConcurrentConversations === undefined;
      if (!hasRole(principal, 'admin') && !(availabilityOnly && isSelf(principal, member)))
        throw MembersException.ownAvailabilityOnly();
      if (role !== undefined) assertRoleChangeAllowed(principal, member, role, locked.ownerCount);
      await this.members.update(
        member,
        {
          ...(role === undefined ? {} : { role }),
          ...(availability === undefined ? {} : { availability }),
          ...(maxConcurrentConversations === undefined ? {} : { maxConcurrentConversations }),
        },
        transaction,
      );
    });
    const updated = await this.members.findById(scope, memberId);
    if (!updated) throw new ResourceNotFoundException('Member');
    return presentMember(updated);
  }
}
