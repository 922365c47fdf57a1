import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, unwrap } from '../api/client';
import { getSession, onSessionChange } from './session';

export const useSession = () => useSyncExternalStore(onSessionChange, getSession);

/** Who is signed in, in which workspace, with which role. */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: ['me', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    enabled: !!session,
    staleTime: 60_000,
    select: (me) =>
      me as unknown as {
        role: 'owner' | 'admin' | 'agent';
        user: { id: string; email: string; name: string };
        workspace: { id: string; name: string; slug: string };
      },
  });
}

export const isAdmin = (role: string | undefined): boolean => role === 'admin' || role === 'owner';
