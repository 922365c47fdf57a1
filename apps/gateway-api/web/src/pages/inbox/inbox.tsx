import { useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import type { Conversation } from '../../api/types';
import { messageOf } from '../../api/errors';
import { Empty, ErrorState, Loading } from '../../components/ui';
import { INBOX_TABS, type InboxTab, TAB_LABELS, needsAttention } from '../../lib/inbox';
import { relativeTime } from '../../lib/format';
import { agentSocket } from '../../realtime/socket';
import { useMe } from '../../session/use-session';
import { ConversationView } from './conversation-view';
import { inboxLoaded, inboxStore, loadInbox, useInboxLive, useInboxVersion } from './inbox-live';
import { ShortcutHelp, isTypingTarget } from './shortcuts';

const customerName = (c: Conversation) =>
  c.customer.name || c.customer.email || `Customer ${c.id.slice(0, 6)}`;

const SENDER: Record<string, string> = {
  customer: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  system: 'System',
};

function InboxRow({
  c,
  open,
  attention,
  onOpen,
}: {
  c: Conversation;
  open: boolean;
  attention: boolean;
  onOpen: () => void;
}) {
  return (
    <li
      data-testid="inbox-item"
      data-conversation-id={c.id}
      data-status={c.status}
      data-attention={String(attention)}
      aria-current={open ? 'true' : undefined}
      className={`inbox-item ${open ? 'open' : ''}`}
    >
      <button type="button" onClick={onOpen} className="inbox-button">
        <span className="row">
          <span className="name">{customerName(c)}</span>
          {attention && <span className="badge badge-danger">Needs you</span>}
          <span className={`badge badge-status-${c.status}`}>{c.status}</span>
        </span>
        <span className="preview">
          {c.lastMessage
            ? `${SENDER[c.lastMessage.senderType] ?? ''}: ${c.lastMessage.text}`
            : 'No messages yet'}
        </span>
        <span className="meta muted">
          {c.channel.type} · {relativeTime(c.lastMessageAt)}
        </span>
      </button>
    </li>
  );
}

/** The agents' inbox: live lists by tab, the open conversation beside them (or alone on a phone). */
export default function Inbox() {
  const { conversationId } = useParams<{ conversationId?: string }>();
  const [, navigate] = useLocation();
  const me = useMe();
  const [tab, setTab] = useState<InboxTab>('attention');
  const [error, setError] = useState<unknown>(null);
  const [showHelp, setShowHelp] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  useInboxVersion();
  useInboxLive();
  const userId = me.data?.user.id;
  const workspaceId = me.data?.workspace.id;

  useEffect(() => {
    if (!userId || !workspaceId) return;
    const load = () => loadInbox(workspaceId, userId).then(() => setError(null), setError);
    if (!inboxLoaded(workspaceId)) void load();
    // Back from a dropped connection: catch up on what was missed.
    const socket = agentSocket();
    socket.on('connect', load);
    return () => {
      socket.off('connect', load);
    };
  }, [userId, workspaceId]);

  const rows = userId ? inboxStore.rows(tab, userId) : [];
  const counts = userId ? inboxStore.counts(userId) : null;
  const open = (id: string) => navigate(`/inbox/${id}`);

  // j/k move through the list, Enter opens, ? shows the shortcuts.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '?') setShowHelp((s) => !s);
      if (event.key !== 'j' && event.key !== 'k') return;
      event.preventDefault();
      const index = rows.findIndex((r) => r.id === conversationId);
      const next =
        rows[Math.min(rows.length - 1, Math.max(0, index + (event.key === 'j' ? 1 : -1)))];
      if (next) open(next.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!userId || !counts) return <Loading label="Loading the inbox…" />;
  return (
    <div className={`inbox ${conversationId ? 'has-open' : ''}`} data-testid="inbox">
      <section className="inbox-list" aria-label="Conversations">
        <div role="tablist" aria-label="Inbox views" className="inbox-tabs">
          {INBOX_TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              data-testid={`tab-${t}`}
              onClick={() => setTab(t)}
            >
              {TAB_LABELS[t]}{' '}
              <span className="count" data-count={t}>
                {counts[t]}
              </span>
            </button>
          ))}
        </div>
        {error ? (
          <ErrorState
            error={error}
            onRetry={() =>
              void loadInbox(workspaceId!, userId).then(() => setError(null), setError)
            }
          />
        ) : !inboxLoaded(workspaceId!) && rows.length === 0 ? (
          <Loading label="Loading conversations…" />
        ) : rows.length === 0 ? (
          <Empty
            title={tab === 'attention' ? 'Nothing needs you right now' : 'No conversations here'}
          />
        ) : (
          <ul ref={listRef} className="inbox-items" data-testid="inbox-list">
            {rows.map((c) => (
              <InboxRow
                key={c.id}
                c={c}
                open={c.id === conversationId}
                attention={needsAttention(c, inboxStore.stuck)}
                onOpen={() => open(c.id)}
              />
            ))}
          </ul>
        )}
        <p className="muted shortcut-hint">
          Press <kbd>?</kbd> for keyboard shortcuts
        </p>
      </section>
      <section className="inbox-conversation" aria-label="Conversation">
        {conversationId ? (
          <ConversationView
            key={conversationId}
            conversationId={conversationId}
            userId={userId}
            onBack={() => navigate('/inbox')}
          />
        ) : (
          <Empty title="Pick a conversation">
            <p className="muted">
              {error
                ? messageOf(error)
                : 'Its messages, the bot’s attempt and the customer show here.'}
            </p>
          </Empty>
        )}
      </section>
      {showHelp && <ShortcutHelp onClose={() => setShowHelp(false)} />}
    </div>
  );
}
