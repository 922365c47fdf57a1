import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import {
  AVAILABILITIES,
  AgentClientEvents,
  type AgentPresenceEvent,
  type Availability,
  ServerEvents,
} from '@cxgenie/contracts';
import { api, unwrap } from '../api/client';
import { messageOf } from '../api/errors';
import { useMembers } from '../lib/members';
import { agentSocket } from '../realtime/socket';
import { useLiveState, useSocketEvent } from '../realtime/use-live';
import { getSession, setSession } from '../session/session';
import { isAdmin, useMe, useSession } from '../session/use-session';

const NAV: { href: string; label: string; admin?: boolean }[] = [
  { href: '/inbox', label: 'Inbox' },
  { href: '/tickets', label: 'Tickets' },
  { href: '/customers', label: 'Customers' },
  { href: '/bots', label: 'Bots & knowledge' },
  { href: '/channels', label: 'Channels' },
  { href: '/analytics', label: 'Analytics', admin: true },
  { href: '/onboarding', label: 'Set-up guide', admin: true },
  { href: '/settings/team', label: 'Team' },
  { href: '/settings/api-keys', label: 'API keys', admin: true },
  { href: '/settings/workspace', label: 'Workspace & SLAs', admin: true },
];

function WorkspaceSwitcher() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const workspaces = useQuery({
    queryKey: ['my-workspaces', session?.workspaceId],
    queryFn: () => unwrap(api.GET('/api/v1/auth/workspaces')),
    select: (list) => list.items,
  });
  const items = workspaces.data ?? [];
  const current = items.find((w) => w.current);
  if (items.length <= 1)
    return (
      <span className="workspace-name" data-testid="workspace-name">
        {current?.name ?? ''}
      </span>
    );
  return (
    <label className="workspace-switch">
      <span className="sr-only">Workspace</span>
      <select
        data-testid="workspace-switch"
        value={current?.id ?? ''}
        onChange={async (event) => {
          setError(null);
          try {
            const next = await unwrap(
              api.POST('/api/v1/auth/switch-workspace', {
                body: { workspaceId: event.target.value },
              }),
            );
            queryClient.clear();
            setSession(next);
          } catch (failure) {
            setError(messageOf(failure));
          }
        }}
      >
        {items.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({w.role})
          </option>
        ))}
      </select>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/**
 * The agent's chosen status goes over the socket: presence is the ticket service's to decide (it
 * also knows whether the agent is connected and active); what it settles on comes back as
 * `agent.presence`.
 */
function AvailabilitySwitch({ userId }: { userId: string }) {
  const members = useMembers();
  const live = useLiveState();
  const mine = members.data?.find((m) => m.userId === userId);
  const [value, setValue] = useState<Availability | null>(null);
  const [saved, setSaved] = useState<Availability | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (mine && saved === null) {
      setValue(mine.availability);
      setSaved(mine.availability);
    }
  }, [mine, saved]);
  useSocketEvent<AgentPresenceEvent>(ServerEvents.AgentPresence, (event) => {
    if (event.userId === userId) setValue(event.availability);
  });
  return (
    <label className="availability">
      <span className={`dot dot-${value ?? 'offline'}`} aria-hidden="true" />
      <span className="sr-only">Your availability</span>
      <select
        data-testid="availability"
        data-saved={saved ?? ''}
        value={value ?? 'offline'}
        disabled={busy || live !== 'live'}
        onChange={(event) => {
          const status = event.target.value as Availability;
          setValue(status);
          setBusy(true);
          agentSocket()
            .timeout(10_000)
            .emit(
              AgentClientEvents.SetStatus,
              { status },
              (timeout: Error | null, ack?: { ok: boolean }) => {
                setBusy(false);
                if (!timeout && ack?.ok) setSaved(status);
                else setValue(saved);
              },
            );
        }}
      >
        {AVAILABILITIES.map((a) => (
          <option key={a} value={a}>
            {a[0]!.toUpperCase() + a.slice(1)}
          </option>
        ))}
      </select>
    </label>
  );
}

function LiveBadge() {
  const live = useLiveState();
  return (
    <span
      className={`live live-${live}`}
      data-testid="socket-status"
      data-state={live}
      role="status"
    >
      {live === 'live' ? 'Live' : live === 'connecting' ? 'Reconnecting…' : 'Offline'}
    </span>
  );
}

// Any sign of life ends automatic idleness; at most one ping a minute.
let lastActivity = 0;
function noteActivity(): void {
  const now = Date.now();
  const socket = agentSocket();
  if (now - lastActivity < 60_000 || !socket.connected) return;
  lastActivity = now;
  socket.emit(AgentClientEvents.Activity);
}

export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const [location] = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const queryClient = useQueryClient();
  useEffect(() => {
    agentSocket();
  }, []);
  useEffect(() => setMenuOpen(false), [location]);
  const admin = isAdmin(me.data?.role);
  const signOut = () => {
    const refreshToken = getSession()?.refreshToken;
    if (refreshToken)
      void fetch('/api/v1/auth/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    queryClient.clear();
    setSession(null);
  };
  return (
    <div className="shell" data-testid="app" onKeyDown={noteActivity} onPointerDown={noteActivity}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="btn btn-ghost menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <Link href="/" className="brand">
          CX Genie
        </Link>
        <WorkspaceSwitcher />
        <div className="topbar-right">
          <LiveBadge />
          {me.data && <AvailabilitySwitch userId={me.data.user.id} />}
          <span className="me" data-testid="me-name">
            {me.data?.user.name}
          </span>
          <button type="button" className="btn btn-ghost" data-testid="logout" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav id="sidebar" className={`sidebar ${menuOpen ? 'open' : ''}`} aria-label="Main">
        <ul>
          {NAV.filter((item) => !item.admin || admin).map((item) => {
            const active = location === item.href || location.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  data-testid={`nav-${item.href.split('/').pop()}`}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
