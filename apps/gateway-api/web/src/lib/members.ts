import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Member } from '../api/types';
import { useSession } from '../session/use-session';

/** The workspace's members (names for ids, availability); one page of 100 covers a team. */
export function useMembers() {
  const session = useSession();
  return useQuery({
    queryKey: ['members', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/members', { params: { query: { limit: 100 } } })),
    enabled: !!session,
    select: (page) => page.items as Member[],
  });
}

export function memberName(
  members: Member[] | undefined,
  userId: string | null | undefined,
): string {
  if (!userId) return 'Unassigned';
  const member = members?.find((m) => m.userId === userId);
  return member ? member.name || member.email : 'another agent';
}
