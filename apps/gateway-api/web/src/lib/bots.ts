import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { useSession } from '../session/use-session';

export function useBots() {
  const session = useSession();
  return useQuery({
    queryKey: ['bots', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/bots', { params: { query: { limit: 100 } } })),
    select: (page) => page.items,
  });
}

export function useBot(botId: string | undefined) {
  const session = useSession();
  return useQuery({
    queryKey: ['bot', session?.workspaceId, botId],
    queryFn: () => unwrap(api.GET('/api/v1/bots/{id}', { params: { path: { id: botId! } } })),
    enabled: !!botId,
  });
}
