import { Injectable } from '@nestjs/common';
import { MemberRepository } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import { ResourceNotFoundException } from '../../../../core-modules/http/resource-not-found.exception';
import { assertRemovalAllowed } from '../../owner-rules';
import type { RemoveMemberCommand } from './remove-member.command';

/**
 * Soft-deletes the membership; the member's refresh tokens into this workspace stop working and
 * their live dashboard connections end, on every instance.
 */
@Injectable()
export class RemoveMember {
  constructor(
    private readonly members: MemberRepository,
    private readonly broadcaster: RealtimeBroadcaster,
  ) {}

  async execute({ scope, principal, memberId }: RemoveMemberCommand): Promise<void> {
    const removed = await this.members.withOwnersLocked(
      scope,
      memberId,
      async (locked, transaction) => {
        if (!locked.member) throw new ResourceNotFoundException('Member');
        assertRemovalAllowed(principal, locked.member, locked.ownerCount);
        await this.members.remove(locked.member, transaction);
        return locked.member;
      },
    );
    this.broadcaster.endAgentSockets(scope.workspaceId, { userId: removed.userId }, 'removed');
  }
}
