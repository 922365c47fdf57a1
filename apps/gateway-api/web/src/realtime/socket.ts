import { type Socket, io } from 'socket.io-client';
import { type AccessRevokedPayload, ServerEvents, SocketNamespaces } from '@cxgenie/contracts';
import { getSession, onSessionChange, refreshSession, setSession } from '../session/session';

export type LiveState = 'connecting' | 'live' | 'offline';
type StateListener = (state: LiveState) => void;

let socket: Socket | null = null;
let state: LiveState = 'offline';
const stateListeners = new Set<StateListener>();

function setState(next: LiveState): void {
  state = next;
  for (const listener of stateListeners) listener(next);
}

export const liveState = (): LiveState => state;

export function onLiveState(listener: StateListener): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/**
 * The dashboard's one connection to the `/agent` namespace: every conversation, ticket, presence
 * and knowledge event of the workspace. The token is read on every (re)connect, so a refreshed or
 * switched session is what the server sees.
 */
export function agentSocket(): Socket {
  if (socket) return socket;
  const created = io(SocketNamespaces.Agent, {
    transports: ['websocket', 'polling'],
    auth: (send) => send({ token: getSession()?.accessToken ?? '' }),
  });
  socket = created;
  setState('connecting');
  created.on('connect', () => setState('live'));
  created.on('disconnect', () => setState('connecting'));
  created.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    setState('connecting');
    // An expired access token: refresh it and try again with the new one.
    if (error.data?.code === 'unauthorized')
      refreshSession().then(
        () => created.connect(),
        () => undefined,
      );
  });
  // The server ended this connection's access. A new role comes with a refreshed token; a member
  // removed from the workspace, or signed out elsewhere, is signed out here too.
  created.on(ServerEvents.AccessRevoked, ({ reason }: AccessRevokedPayload) => {
    if (reason === 'role_changed' || reason === 'expired')
      refreshSession().then(
        () => created.connect(),
        () => undefined,
      );
    else setSession(null);
  });
  return created;
}

export function closeAgentSocket(): void {
  socket?.close();
  socket = null;
  setState('offline');
}

// Signing out closes the connection; a new workspace needs a new one (it joins other rooms).
let lastWorkspace = getSession()?.workspaceId ?? null;
onSessionChange((session) => {
  if (!session) return closeAgentSocket();
  if (session.workspaceId !== lastWorkspace) {
    lastWorkspace = session.workspaceId;
    closeAgentSocket();
  }
});
