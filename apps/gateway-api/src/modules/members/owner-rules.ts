import type { MemberRole } from '@cxgenie/contracts';
import type { WorkspaceMember } from '@cxgenie/database';
import { type Principal, hasRole } from '../../core-modules/auth/principal';
import { MembersException } from './members.exception';

/**
 * Owner is the one role an admin cannot hand out or take away, and a workspace always keeps at
 * least one owner. `ownerCount` must come from rows locked for the change being checked.
 */
export function assertRoleChangeAllowed(
  principal: Principal,
  member: WorkspaceMember,
  nextRole: MemberRole,
  ownerCount: number,
): void {
  if (nextRole === member.role) return;
  const touchesOwner = nextRole === 'owner' || member.role === 'owner';
  if (touchesOwner && !hasRole(principal, 'owner')) throw MembersException.ownerRequired();
  if (member.role === 'owner' && ownerCount <= 1) throw MembersException.lastOwner('demoted');
}

export function assertRemovalAllowed(
  principal: Principal,
  member: WorkspaceMember,
  ownerCount: number,
): void {
  if (member.role !== 'owner') return;
  if (!hasRole(principal, 'owner')) throw MembersException.ownerRequired();
  if (ownerCount <= 1) throw MembersException.lastOwner('removed');
}
