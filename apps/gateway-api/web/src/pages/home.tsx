import { useQuery } from '@tanstack/react-query';
import { Redirect } from 'wouter';
import { api, unwrap } from '../api/client';
import { ErrorState, Loading } from '../components/ui';
import { isAdmin, useMe } from '../session/use-session';

/** A workspace without a bot starts with the set-up guide; everyone else with the inbox. */
export default function Home() {
  const me = useMe();
  const bots = useQuery({
    queryKey: ['bots', me.data?.workspace.id],
    queryFn: () => unwrap(api.GET('/api/v1/bots', { params: { query: { limit: 100 } } })),
    enabled: !!me.data,
  });
  if (me.error || bots.error) return <ErrorState error={me.error ?? bots.error} />;
  if (!me.data || !bots.data) return <Loading />;
  return (
    <Redirect
      to={bots.data.items.length === 0 && isAdmin(me.data.role) ? '/onboarding' : '/inbox'}
      replace
    />
  );
}
