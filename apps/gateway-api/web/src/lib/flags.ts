import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FlagChangedPayload, ServerEvents } from '@cxgenie/contracts';
import { api, unwrap } from '../api/client';
import { useSocketEvent } from '../realtime/use-live';
import { useSession } from '../session/use-session';
import { changeAffectsBot } from './flag-changes';

/**
 * Every flag as it applies to the bot, kept current by the `flag.changed` pushes of the agent
 * socket: a rollout or a kill switch shows on the page without a reload.
 */
export function useBotFlags(botId: string) {
  const session = useSession();
  const queryClient = useQueryClient();
  const key = ['flags', session?.workspaceId, botId];
  useSocketEvent<FlagChangedPayload>(ServerEvents.FlagChanged, (change) => {
    if (changeAffectsBot(change, botId)) void queryClient.invalidateQueries({ queryKey: key });
  });
  return useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/flags', { params: { query: { botId } } })),
    select: (body) => body.flags as Record<string, { value: unknown }>,
  });
}
