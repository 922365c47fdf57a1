import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import {
  AGENT_ATTACHMENT_TYPES,
  ATTACHMENT_CHANNELS,
  ClientEvents,
  type ConversationUpdatedPayload,
  type CsatSubmittedPayload,
  type MessagePayload,
  ServerEvents,
  type TypingPayload,
} from '@cxgenie/contracts';
import { request, requestForm } from '../../api/client';
import { messageOf } from '../../api/errors';
import type { ConversationContext, Message, Page, TicketNote } from '../../api/types';
import { Badge, Button, ErrorState, Loading } from '../../components/ui';
import { WhyDisclosure } from '../../components/why-disclosure';
import { attemptOf } from '../../lib/bot-attempt';
import { memberName, useMembers } from '../../lib/members';
import { agentSocket } from '../../realtime/socket';
import { useSocketEvent } from '../../realtime/use-live';
import { useSession } from '../../session/use-session';
import { AttachmentLinks } from './attachment-links';
import { EmailDetails } from './email-details';
import { inboxStore } from './inbox-live';
import { isTypingTarget } from './shortcuts';

const TRANSCRIPT_LIMIT = 200;
const TYPING_SHOWN_MS = 8_000;
const TYPING_REPORT_MS = 3_000;

type Action = 'takeover' | 'handback' | 'close' | 'reopen';
export function ConversationView({
  conversationId,
  userId,
  onBack,
}: {
  conversationId: string;
  userId: string;
  onBack: () => void;
}) {
  const session = useSession();
  const queryClient = useQueryClient();
  const members = useMembers();
  const [messages, setMessages] = useState<Map<string, Message>>(new Map());
  const [typing, setTyping] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const filesRef = useRef<HTMLInputElement>(null);
  const [noteStatus, setNoteStatus] = useState('');
  const [rating, setRating] = useState<{ rating: number; comment: string | null } | null>(null);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const transcriptRef = useRef<HTMLDivElement>(null);
  const contextKey = ['conversation-context', session?.workspaceId, conversationId];

  const transcript = useQuery({
    queryKey: ['conversation-messages', session?.workspaceId, conversationId],
    queryFn: () =>
      request<Page<Message>>(
        'GET',
        `/api/v1/conversations/${conversationId}/messages?limit=${TRANSCRIPT_LIMIT}`,
      ),
    staleTime: 0,
  });
  const context = useQuery({
    queryKey: contextKey,
    queryFn: () =>
      request<ConversationContext>('GET', `/api/v1/conversations/${conversationId}/context`),
    staleTime: 0,
  });
  const ticketId = context.data?.ticket?.id;
  const notes = useQuery({
    queryKey: ['ticket-notes', session?.workspaceId, ticketId],
    queryFn: () => request<Page<TicketNote>>('GET', `/api/v1/tickets/${ticketId}/notes?limit=50`),
    enabled: !!ticketId,
  });

  useEffect(() => {
    if (!transcript.data) return;
    setMessages((known) => {
      const next = new Map(known);
      for (const m of transcript.data.items) next.set(m.id, { ...next.get(m.id), ...m });
      return next;
    });
  }, [transcript.data]);
  useEffect(() => {
    if (context.data) {
      inboxStore.upsert([context.data.conversation]);
      if (context.data.csat) setRating(context.data.csat);
    }
  }, [context.data]);

  const refreshContext = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: contextKey }),
    [queryClient, conversationId, session?.workspaceId],
  );

  const addMessage = (message: MessagePayload | Message) => {
    if (message.conversationId !== conversationId) return;
    setMessages((known) =>
      new Map(known).set(message.id, { ...known.get(message.id), ...message }),
    );
    if (message.senderType !== 'customer') setTyping('');
    if (message.senderType === 'bot') refreshContext();
  };
  useSocketEvent<MessagePayload>(ServerEvents.MessageCreated, addMessage);
  useSocketEvent<MessagePayload>(ServerEvents.MessageCompleted, addMessage);
  useSocketEvent<ConversationUpdatedPayload>(ServerEvents.ConversationUpdated, (update) => {
    if (update.conversationId === conversationId) refreshContext();
  });
  useSocketEvent<CsatSubmittedPayload>(ServerEvents.CsatSubmitted, (event) => {
    if (event.conversationId === conversationId) setRating(event);
  });
  useSocketEvent<{ conversationId?: string }>(ServerEvents.BotNotEnoughData, (event) => {
    if (event.conversationId === conversationId) refreshContext();
  });
  const typingTimer = useRef<number>(0);
  useSocketEvent<TypingPayload>(ServerEvents.Typing, (event) => {
    if (event.conversationId !== conversationId || event.senderType === 'agent') return;
    window.clearTimeout(typingTimer.current);
    setTyping(
      event.typing
        ? event.senderType === 'bot'
          ? 'The bot is answering…'
          : 'The customer is typing…'
        : '',
    );
    if (event.typing) typingTimer.current = window.setTimeout(() => setTyping(''), TYPING_SHOWN_MS);
  });

  // Keep the newest message in view unless the agent scrolled up to read.
  const ordered = [...messages.values()].sort((a, b) => a.seq - b.seq);
  useEffect(() => {
    const el = transcriptRef.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 120)
      el.scrollTop = el.scrollHeight;
  }, [ordered.length]);

  const conversation = inboxStore.conversations.get(conversationId) ?? context.data?.conversation;

  const act = async (action: Action) => {
    setError(null);
    setBusy(true);
    try {
      const result = await request<{
        id: string;
        status: ConversationUpdatedPayload['status'];
        assigneeId: string | null;
        closedAt: string | null;
      }>('POST', `/api/v1/conversations/${conversationId}/${action}`);
      inboxStore.applyUpdate({
        conversationId,
        change: 'assigned',
        status: result.status,
        assigneeId: result.assigneeId,
        closedAt: result.closedAt,
        actorId: userId,
        at: new Date().toISOString(),
      });
      refreshContext();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  // The customer sees "Agent is typing…": at most one report every few seconds, then "stopped".
  const typingSentAt = useRef(0);
  const typingStop = useRef(0);
  const reportTyping = (isTyping: boolean) => {
    window.clearTimeout(typingStop.current);
    if (isTyping) {
      typingStop.current = window.setTimeout(() => reportTyping(false), TYPING_REPORT_MS);
      if (Date.now() - typingSentAt.current < TYPING_REPORT_MS) return;
      typingSentAt.current = Date.now();
    } else typingSentAt.current = 0;
    agentSocket().emit(ClientEvents.Typing, { conversationId, typing: isTyping });
  };

  const sendReply = async () => {
    const text = replyRef.current?.value.trim();
    if (!text) return;
    reportTyping(false);
    setBusy(true);
    setError(null);
    try {
      const path = `/api/v1/conversations/${conversationId}/messages`;
      const files = [...(filesRef.current?.files ?? [])];
      let message: Message;
      if (files.length > 0) {
        const form = new FormData();
        form.append('text', text);
        for (const file of files) form.append('files', file, file.name);
        message = await requestForm<Message>(path, form);
      } else message = await request<Message>('POST', path, { text });
      if (replyRef.current) replyRef.current.value = '';
      if (filesRef.current) filesRef.current.value = '';
      addMessage({ ...message, senderId: userId });
      inboxStore.applyMessage(message);
      // Replying may have taken the conversation over.
      refreshContext();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
      replyRef.current?.focus();
    }
  };

  const addNote = async () => {
    const text = noteRef.current?.value.trim();
    if (!text) return;
    if (!ticketId) {
      setNoteStatus('This conversation has no ticket yet; notes go on its ticket.');
      return;
    }
    try {
      await request('POST', `/api/v1/tickets/${ticketId}/notes`, { text });
      if (noteRef.current) noteRef.current.value = '';
      setNoteStatus('Note added.');
      void notes.refetch();
    } catch (failure) {
      setNoteStatus(messageOf(failure));
    }
  };

  const status = conversation?.status;
  const mine = conversation?.assigneeId === userId;
  // Shortcuts for the common actions, never while typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'Escape' && !isTypingTarget(event.target)) return onBack();
      if (isTypingTarget(event.target) || busy || !status) return;
      const map: Record<string, () => void> = {
        r: () => replyRef.current?.focus(),
        n: () => noteRef.current?.focus(),
        t: () => status !== 'closed' && !(status === 'human' && mine) && void act('takeover'),
        b: () => status === 'human' && void act('handback'),
        e: () => status !== 'closed' && void act('close'),
        o: () => status === 'closed' && void act('reopen'),
      };
      const run = map[event.key];
      if (run) {
        event.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (transcript.error)
    return <ErrorState error={transcript.error} onRetry={() => void transcript.refetch()} />;
  if (!conversation) return <Loading label="Loading the conversation…" />;
  const attempt = attemptOf(inboxStore.attempts.get(conversationId), context.data, messages);
  const name =
    conversation.customer.name ||
    conversation.customer.email ||
    `Customer ${conversation.id.slice(0, 6)}`;
  const answerOf = (id: string) => context.data?.botAnswers.find((a) => a.messageId === id);
  const citations = (id: string) => answerOf(id)?.citations ?? [];

  return (
    <div className="conversation" data-testid="conversation">
      <header className="conversation-header">
        <button type="button" className="btn btn-ghost back-button" onClick={onBack}>
          ← Inbox
        </button>
        <div>
          <h2 data-testid="conv-title">{name}</h2>
          <p className="muted">
            <span
              className={`badge badge-status-${conversation.status}`}
              data-testid="conv-status"
              data-status={conversation.status}
            >
              {conversation.status}
            </span>{' '}
            <span data-testid="conv-assignee">
              {!conversation.assigneeId
                ? 'Unassigned'
                : mine
                  ? 'Assigned to you'
                  : `Assigned to ${memberName(members.data, conversation.assigneeId)}`}
            </span>{' '}
            · via {conversation.channel.type}
          </p>
        </div>
        <div className="conversation-actions">
          {status !== 'closed' && !(status === 'human' && mine) && (
            <Button
              variant="primary"
              busy={busy}
              data-testid="action-takeover"
              onClick={() => void act('takeover')}
              title="Take over (t)"
            >
              Take over
            </Button>
          )}
          {status === 'human' && (
            <Button
              busy={busy}
              data-testid="action-handback"
              onClick={() => void act('handback')}
              title="Hand back to the bot (b)"
            >
              Hand back
            </Button>
          )}
          {status !== 'closed' ? (
            <Button
              busy={busy}
              data-testid="action-close"
              onClick={() => void act('close')}
              title="Close (e)"
            >
              Close
            </Button>
          ) : (
            <Button
              busy={busy}
              data-testid="action-reopen"
              onClick={() => void act('reopen')}
              title="Reopen (o)"
            >
              Reopen
            </Button>
          )}
        </div>
      </header>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="conv-error">
          {error}
        </p>
      )}
      <div className="conversation-body">
        <div className="transcript" ref={transcriptRef} data-testid="transcript" aria-live="polite">
          {transcript.isPending && <Loading label="Loading messages…" />}
          {ordered.map((m) => {
            const cites = m.senderType === 'bot' ? citations(m.id) : [];
            return (
              <div
                key={m.id}
                className={`msg msg-${m.senderType}`}
                data-testid="transcript-message"
                data-sender={m.senderType}
                data-seq={String(m.seq)}
                data-message-id={m.id}
                title={new Date(m.createdAt).toLocaleString()}
              >
                <span className="who">
                  {m.senderType === 'agent'
                    ? m.senderId === userId
                      ? 'You'
                      : memberName(members.data, m.senderId ?? null)
                    : m.senderType === 'customer'
                      ? 'Customer'
                      : m.senderType === 'bot'
                        ? 'Bot'
                        : 'System'}
                </span>
                <span data-testid="transcript-text">{m.text}</span>
                {!m.email && (m.attachments ?? []).some((a) => a.url.startsWith('storage:')) && (
                  <AttachmentLinks
                    conversationId={conversationId}
                    messageId={m.id}
                    attachments={m.attachments ?? []}
                    onError={setError}
                  />
                )}
                {m.email && (
                  <EmailDetails
                    conversationId={conversationId}
                    messageId={m.id}
                    email={m.email}
                    attachments={m.attachments ?? []}
                  />
                )}
                {cites.length > 0 && (
                  <span className="cites" data-testid="message-sources">
                    Sources: {cites.map((c) => c.title).join(', ')}
                  </span>
                )}
                {m.senderType === 'bot' && (
                  <WhyDisclosure answerability={answerOf(m.id)?.answerability} />
                )}
              </div>
            );
          })}
        </div>
        <p className="typing muted" data-testid="conv-typing" aria-live="polite">
          {typing}
        </p>
        <form
          className="reply"
          data-testid="reply-form"
          onSubmit={(event) => {
            event.preventDefault();
            void sendReply();
          }}
        >
          <label htmlFor="reply-input" className="sr-only">
            Reply to the customer
          </label>
          <textarea
            id="reply-input"
            ref={replyRef}
            data-testid="reply-input"
            rows={3}
            disabled={status === 'closed'}
            placeholder={
              status === 'closed'
                ? 'This conversation is closed. Reopen it to reply.'
                : status === 'bot'
                  ? 'Replying takes the conversation over from the bot…'
                  : 'Reply to the customer… (Ctrl+Enter sends)'
            }
            onInput={(event) => reportTyping(event.currentTarget.value.trim() !== '')}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void sendReply();
              }
              if (event.key === 'Escape') event.currentTarget.blur();
            }}
          />
          {ATTACHMENT_CHANNELS.includes(conversation.channel.type) && (
            <label className="reply-files">
              <span className="sr-only">Attach files</span>
              <input
                ref={filesRef}
                type="file"
                multiple
                accept={AGENT_ATTACHMENT_TYPES.join(',')}
                disabled={status === 'closed'}
                data-testid="reply-files"
              />
            </label>
          )}
          <Button
            type="submit"
            variant="primary"
            disabled={status === 'closed' || busy}
            data-testid="reply-send"
          >
            Send
          </Button>
        </form>
      </div>
      <aside className="conversation-side" aria-label="Context">
        <section>
          <h3>Customer</h3>
          <p data-testid="conv-customer">
            <Link href={`/customers/${conversation.customer.id}`}>{name}</Link>
            {conversation.customer.email && <> · {conversation.customer.email}</>} · via{' '}
            {conversation.channel.type}
          </p>
          <p data-testid="conv-csat" data-rating={rating ? String(rating.rating) : ''}>
            {rating
              ? `Rated ${rating.rating}/5${rating.comment ? ` — “${rating.comment}”` : ''}`
              : 'Not rated.'}
          </p>
        </section>
        <section data-testid="bot-attempt">
          <h3>What the bot tried</h3>
          {!attempt ? (
            <p className="muted">The bot has not been stuck in this conversation.</p>
          ) : (
            <dl className="attempt">
              <dt>Question</dt>
              <dd data-testid="attempt-question">{attempt.question}</dd>
              <dt>
                {attempt.policy ? `Attempted answer (${attempt.policy})` : 'Attempted answer'}
              </dt>
              <dd data-testid="attempt-answer" data-pending={String(attempt.pending)}>
                {attempt.answer ||
                  (attempt.pending
                    ? '(the bot is still writing it: it appears here when done)'
                    : '(the bot had nothing to say)')}
              </dd>
              {attempt.answerability && (
                <dd>
                  <WhyDisclosure answerability={attempt.answerability} />
                </dd>
              )}
              <dt>Sources it found</dt>
              <dd>
                {attempt.sources.length === 0 ? (
                  'No relevant knowledge.'
                ) : (
                  <ol className="sources" data-testid="attempt-sources">
                    {attempt.sources.map((s, i) => (
                      <li key={i} data-testid="attempt-source">
                        {s.title} — {s.partition}
                        {typeof s.score === 'number' ? ` (${s.score.toFixed(2)})` : ''}
                      </li>
                    ))}
                  </ol>
                )}
              </dd>
            </dl>
          )}
        </section>
        <section>
          <h3>
            Ticket{' '}
            {context.data?.ticket && (
              <Link href={`/tickets/${context.data.ticket.id}`}>
                <Badge>{context.data.ticket.status}</Badge>{' '}
                <Badge>{context.data.ticket.priority}</Badge>
              </Link>
            )}
          </h3>
          <ul className="notes" data-testid="notes">
            {(notes.data?.items ?? []).map((note) => (
              <li key={note.id} data-testid="note">
                <strong>{memberName(members.data, note.authorId)}:</strong> {note.text}
              </li>
            ))}
          </ul>
          <form
            className="note-form"
            data-testid="note-form"
            onSubmit={(event) => {
              event.preventDefault();
              void addNote();
            }}
          >
            <label htmlFor="note-input">Internal note (only agents see it)</label>
            <textarea id="note-input" ref={noteRef} data-testid="note-input" rows={2} />
            <Button type="submit" data-testid="note-send">
              Add note
            </Button>
            <p className="muted" data-testid="note-status" role="status">
              {noteStatus}
            </p>
          </form>
        </section>
      </aside>
    </div>
  );
}
