import type { components } from '../api/schema';

export type Session = components['schemas']['SessionResponse'];

const KEY = 'cxgenie:dashboard:session';
type Listener = (session: Session | null) => void;

let current: Session | null = read();
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
  } catch {
    return null;
  }
}

export const getSession = (): Session | null => current;

export function setSession(session: Session | null): void {
  current = session;
  try {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage disabled: the session lasts as long as the page.
  }
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signed in, out, switched workspace or refreshed the token.
window.addEventListener('storage', (event) => {
  if (event.key !== KEY) return;
  current = read();
  for (const listener of listeners) listener(current);
});

let refreshing: Promise<Session> | null = null;

/** One refresh at a time, however many requests found the access token expired. */
export function refreshSession(): Promise<Session> {
  const refreshToken = current?.refreshToken;
  if (!refreshToken) return Promise.reject(new Error('Not signed in'));
  refreshing ??= fetch('/api/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  })
    .then(async (res) => {
      if (!res.ok) throw new Error('Your session has ended. Sign in again.');
      const session = (await res.json()) as Session;
      setSession(session);
      return session;
    })
    .catch((error: Error) => {
      // A refresh token already used by another tab is not this tab's fault: keep theirs.
      if (current?.refreshToken === refreshToken) setSession(null);
      throw error;
    })
    .finally(() => (refreshing = null));
  return refreshing;
}
