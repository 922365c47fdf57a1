/*
 * CX Genie agent console: one plain script, no build step, no framework.
 *
 * Signs in over the dashboard API, lists the workspace's conversations (needs attention / mine /
 * unassigned / all), keeps them live over the `/agent` Socket.IO namespace, and lets the agent
 * take over, reply, add an internal note, hand back, close and reopen. Everything a customer or the
 * bot wrote is rendered with textContent, never as HTML.
 */
/* global window, document, sessionStorage */
(function () {
  'use strict';

  const SESSION_KEY = 'cxgenie:console:session';
  const LIST_LIMIT = 100;
  const TRANSCRIPT_LIMIT = 200;
  const TYPING_TIMEOUT_MS = 8000;
  const TYPING_REPORT_MS = 3000;

  const $ = (testId) => document.querySelector(`[data-testid="${testId}"]`);
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (
        key.startsWith('data-') ||
        key.startsWith('aria-') ||
        key === 'role' ||
        key === 'title'
      )
        node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children) if (child) node.appendChild(child);
    return node;
  };

  const ui = {
    login: $('login'),
    loginForm: $('login-form'),
    loginEmail: $('login-email'),
    loginPassword: $('login-password'),
    loginSubmit: $('login-submit'),
    loginError: $('login-error'),
    app: $('app'),
    meName: $('me-name'),
    socketStatus: $('socket-status'),
    availability: $('availability'),
    logout: $('logout'),
    tabs: Array.from(document.querySelectorAll('[data-tab]')),
    list: $('inbox-list'),
    listEmpty: $('inbox-empty'),
    noConversation: $('no-conversation'),
    conversation: $('conversation'),
    side: $('conv-side'),
    title: $('conv-title'),
    status: $('conv-status'),
    assignee: $('conv-assignee'),
    takeover: $('action-takeover'),
    handback: $('action-handback'),
    reopen: $('action-reopen'),
    close: $('action-close'),
    error: $('conv-error'),
    transcript: $('transcript'),
    typing: $('conv-typing'),
    replyForm: $('reply-form'),
    replyInput: $('reply-input'),
    replySend: $('reply-send'),
    attempt: $('bot-attempt'),
    customer: $('conv-customer'),
    csat: $('conv-csat'),
    noteForm: $('note-form'),
    noteInput: $('note-input'),
    noteSend: $('note-send'),
    noteStatus: $('note-status'),
  };

  // ---- state -------------------------------------------------------------------------------
  const state = {
    session: null,
    me: null, // { userId, name, email }
    members: new Map(), // userId -> name
    conversations: new Map(), // id -> conversation summary (GET /conversations shape)
    attempts: new Map(), // conversationId -> BOT_NOT_ENOUGH_DATA event (live)
    stuck: new Set(), // conversations the bot gave up on that no agent has acted on yet
    ratings: new Map(), // conversationId -> csat
    tab: 'attention',
    openId: null,
    messages: new Map(), // open conversation: id -> message
    context: null, // open conversation: GET /conversations/:id/context
    socket: null,
  };

  const readSession = () => {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    } catch {
      return null;
    }
  };
  const writeSession = (session) => {
    state.session = session;
    try {
      if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      else sessionStorage.removeItem(SESSION_KEY);
    } catch {
      // Storage disabled: the session lasts as long as the page.
    }
  };

  // ---- API ---------------------------------------------------------------------------------
  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || `Request failed (${status})`);
      this.status = status;
      this.body = body;
    }
  }

  async function rawRequest(method, path, body, token) {
    const headers = {};
    if (token) headers.authorization = 'Bearer ' + token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) throw new ApiError(res.status, parsed);
    return parsed;
  }

  let refreshing = null;
  async function refreshSession() {
    if (!refreshing) {
      refreshing = rawRequest('POST', '/api/v1/auth/refresh', {
        refreshToken: state.session && state.session.refreshToken,
      })
        .then((session) => writeSession(session))
        .finally(() => (refreshing = null));
    }
    return refreshing;
  }

  /** Authenticated; an expired access token is refreshed once, a dead session signs out. */
  async function api(method, path, body) {
    try {
      return await rawRequest(method, path, body, state.session && state.session.accessToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !state.session) throw error;
      try {
        await refreshSession();
      } catch {
        signOut('Your session has ended. Sign in again.');
        throw error;
      }
      return rawRequest(method, path, body, state.session.accessToken);
    }
  }

  // ---- sign in / out -----------------------------------------------------------------------
  function showLogin(message) {
    ui.app.hidden = true;
    ui.login.hidden = false;
    ui.loginError.textContent = message || '';
    ui.loginError.hidden = !message;
    ui.loginEmail.focus();
  }

  ui.loginForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    ui.loginSubmit.disabled = true;
    ui.loginError.hidden = true;
    try {
      const session = await rawRequest('POST', '/api/v1/auth/login', {
        email: ui.loginEmail.value.trim(),
        password: ui.loginPassword.value,
      });
      writeSession(session);
      ui.loginPassword.value = '';
      await start();
    } catch (error) {
      showLogin(
        error instanceof ApiError && error.status === 401
          ? 'Wrong email or password.'
          : error.message || 'Could not sign in.',
      );
    } finally {
      ui.loginSubmit.disabled = false;
    }
  });

  function signOut(message) {
    const refreshToken = state.session && state.session.refreshToken;
    if (refreshToken && !message)
      rawRequest('POST', '/api/v1/auth/logout', { refreshToken }).catch(() => undefined);
    if (state.socket) state.socket.close();
    state.socket = null;
    writeSession(null);
    state.conversations.clear();
    state.openId = null;
    showLogin(message);
  }
  ui.logout.addEventListener('click', () => signOut());

  async function start() {
    const me = await api('GET', '/api/v1/auth/me');
    state.me = { userId: me.user.id, name: me.user.name, email: me.user.email };
    ui.meName.textContent = `${me.user.name || me.user.email} · ${me.workspace ? me.workspace.name : ''}`;
    ui.login.hidden = true;
    ui.app.hidden = false;
    connectSocket();
    await Promise.all([loadMembers(), loadInbox()]);
  }

  // ---- members and availability ------------------------------------------------------------
  async function loadMembers() {
    const page = await api('GET', '/api/v1/members?limit=100');
    for (const member of page.items) {
      state.members.set(member.userId, member.name || member.email);
      if (member.userId === state.me.userId) {
        ui.availability.value = member.availability;
        ui.availability.dataset.saved = member.availability;
      }
    }
    renderOpenHeader();
  }

  /**
   * The chosen status goes over the socket (presence is the ticket service's to decide: it also
   * knows whether the agent is connected and active); the availability it settles on comes back
   * as `agent.presence`.
   */
  ui.availability.addEventListener('change', () => {
    const status = ui.availability.value;
    const socket = state.socket;
    if (!socket || !socket.connected) {
      ui.availability.value = ui.availability.dataset.saved || 'offline';
      setLive(false, 'Offline: status not changed');
      return;
    }
    ui.availability.disabled = true;
    socket.timeout(10000).emit('agent.status', { status }, (timeout, ack) => {
      ui.availability.disabled = false;
      if (!timeout && ack && ack.ok) ui.availability.dataset.saved = status;
      else ui.availability.value = ui.availability.dataset.saved || 'offline';
    });
  });

  function onPresence(event) {
    if (!state.me || event.userId !== state.me.userId) return;
    ui.availability.value = event.availability;
  }

  // Any sign of life ends automatic idleness; at most one ping a minute.
  let lastActivity = 0;
  const ACTIVITY_PING_MS = 60000;
  function noteActivity() {
    const now = Date.now();
    if (now - lastActivity < ACTIVITY_PING_MS || !state.socket || !state.socket.connected) return;
    lastActivity = now;
    state.socket.emit('agent.activity');
  }
  for (const type of ['keydown', 'pointerdown']) ui.app.addEventListener(type, noteActivity);

  // ---- inbox -------------------------------------------------------------------------------
  async function loadInbox() {
    const queries = [
      `limit=${LIST_LIMIT}`,
      `status=human&limit=${LIST_LIMIT}`,
      `assignee=${state.me.userId}&limit=${LIST_LIMIT}`,
    ];
    const pages = await Promise.all(queries.map((q) => api('GET', `/api/v1/conversations?${q}`)));
    for (const page of pages) for (const c of page.items) state.conversations.set(c.id, c);
    renderInbox();
  }

  async function refreshConversation(id) {
    try {
      const conversation = await api('GET', `/api/v1/conversations/${id}`);
      state.conversations.set(id, conversation);
      renderInbox();
      if (state.openId === id) renderOpenHeader();
      return conversation;
    } catch {
      return null;
    }
  }

  const isOpen = (c) => c.status !== 'closed';
  const waitingOnUs = (c) => !!c.lastMessage && c.lastMessage.senderType === 'customer';

  /** Human mode with nobody on it or the customer waiting, or the bot stuck on a question. */
  function needsAttention(c) {
    if (!isOpen(c)) return false;
    if (c.status === 'human') return !c.assigneeId || waitingOnUs(c);
    return state.stuck.has(c.id);
  }

  const TABS = {
    attention: needsAttention,
    mine: (c) => isOpen(c) && c.assigneeId === state.me.userId,
    unassigned: (c) => c.status === 'human' && !c.assigneeId,
    all: () => true,
  };

  function renderInbox() {
    const all = Array.from(state.conversations.values()).sort(
      (a, b) => new Date(b.lastMessageAt) - new Date(a.lastMessageAt),
    );
    for (const [tab, test] of Object.entries(TABS)) {
      const counter = document.querySelector(`[data-count="${tab}"]`);
      counter.textContent = String(all.filter(test).length);
    }
    const shown = all.filter(TABS[state.tab]);
    ui.list.replaceChildren(...shown.map(inboxItem));
    ui.listEmpty.hidden = shown.length > 0;
  }

  const customerName = (c) =>
    (c.customer && (c.customer.name || c.customer.email)) || 'Customer ' + c.id.slice(0, 6);

  function inboxItem(c) {
    const attention = needsAttention(c);
    const preview = c.lastMessage
      ? `${senderLabel(c.lastMessage.senderType, null)}: ${c.lastMessage.text}`
      : 'No messages yet';
    const item = el(
      'li',
      {
        'data-testid': 'inbox-item',
        'data-conversation-id': c.id,
        'data-status': c.status,
        'data-attention': String(attention),
        'aria-current': String(c.id === state.openId),
        tabIndex: 0,
      },
      el(
        'div',
        { className: 'row' },
        el('span', { className: 'name', text: customerName(c) }),
        attention ? el('span', { className: 'badge attention', text: 'Needs you' }) : null,
        el('span', { className: `badge ${c.status}`, text: c.status }),
      ),
      el('div', { className: 'preview', text: preview }),
    );
    item.addEventListener('click', () => openConversation(c.id));
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') openConversation(c.id);
    });
    return item;
  }

  for (const button of ui.tabs) {
    button.addEventListener('click', () => {
      state.tab = button.dataset.tab;
      for (const b of ui.tabs) b.setAttribute('aria-selected', String(b === button));
      renderInbox();
    });
  }

  // ---- the open conversation ---------------------------------------------------------------
  async function openConversation(id) {
    state.openId = id;
    state.messages = new Map();
    state.context = null;
    ui.noConversation.hidden = true;
    ui.conversation.hidden = false;
    ui.side.hidden = false;
    ui.transcript.replaceChildren();
    ui.typing.textContent = '';
    ui.noteStatus.textContent = '';
    setError('');
    renderInbox();
    renderOpenHeader();
    renderAttempt();
    renderCsat();
    const [page, context] = await Promise.all([
      api('GET', `/api/v1/conversations/${id}/messages?limit=${TRANSCRIPT_LIMIT}`),
      loadContext(id),
    ]);
    if (state.openId !== id) return;
    for (const message of page.items) state.messages.set(message.id, message);
    if (context) state.conversations.set(id, context.conversation);
    renderTranscript();
    renderOpenHeader();
    renderAttempt();
    renderCsat();
    renderInbox();
    ui.replyInput.focus();
  }

  async function loadContext(id) {
    try {
      const context = await api('GET', `/api/v1/conversations/${id}/context`);
      if (state.openId === id) state.context = context;
      if (context.csat) state.ratings.set(id, context.csat);
      return context;
    } catch {
      return null;
    }
  }

  const openConversationSummary = () => state.conversations.get(state.openId) || null;

  function assigneeName(userId) {
    if (!userId) return 'Unassigned';
    if (state.me && userId === state.me.userId) return 'Assigned to you';
    return 'Assigned to ' + (state.members.get(userId) || 'another agent');
  }

  function renderOpenHeader() {
    const c = openConversationSummary();
    if (!c) return;
    ui.title.textContent = customerName(c);
    ui.status.textContent = c.status;
    ui.status.className = `badge ${c.status}`;
    ui.status.dataset.status = c.status;
    ui.assignee.textContent = assigneeName(c.assigneeId);
    const mine = c.assigneeId === state.me.userId;
    ui.takeover.hidden = c.status === 'closed' || (c.status === 'human' && mine);
    ui.handback.hidden = c.status !== 'human';
    ui.close.hidden = c.status === 'closed';
    ui.reopen.hidden = c.status !== 'closed';
    ui.replyInput.disabled = c.status === 'closed';
    ui.replySend.disabled = c.status === 'closed';
    ui.replyInput.placeholder =
      c.status === 'closed'
        ? 'This conversation is closed. Reopen it to reply.'
        : c.status === 'bot'
          ? 'Replying takes the conversation over from the bot…'
          : 'Reply to the customer…';
    const channel = c.channel ? c.channel.type : '';
    ui.customer.textContent = [customerName(c), c.customer && c.customer.email, `via ${channel}`]
      .filter(Boolean)
      .join(' · ');
  }

  function senderLabel(senderType, senderId) {
    if (senderType === 'customer') return 'Customer';
    if (senderType === 'bot') return 'Bot';
    if (senderType === 'system') return 'System';
    if (senderId && state.me && senderId === state.me.userId) return 'You';
    return (senderId && state.members.get(senderId)) || 'Agent';
  }

  function citationsOf(messageId) {
    const answers = (state.context && state.context.botAnswers) || [];
    const answer = answers.find((a) => a.messageId === messageId);
    return answer ? answer.citations : [];
  }

  function renderTranscript() {
    const stick =
      ui.transcript.scrollHeight - ui.transcript.scrollTop - ui.transcript.clientHeight < 80;
    const ordered = Array.from(state.messages.values()).sort((a, b) => a.seq - b.seq);
    ui.transcript.replaceChildren(
      ...ordered.map((m) => {
        const cites = m.senderType === 'bot' ? citationsOf(m.id) : [];
        return el(
          'div',
          {
            className: 'msg',
            'data-testid': 'transcript-message',
            'data-sender': m.senderType,
            'data-seq': String(m.seq),
            'data-message-id': m.id,
            title: new Date(m.createdAt).toLocaleString(),
          },
          el('span', { className: 'who', text: senderLabel(m.senderType, m.senderId) }),
          el('span', { 'data-testid': 'transcript-text', text: m.text }),
          cites.length
            ? el('span', {
                className: 'cites',
                'data-testid': 'message-sources',
                text: 'Sources: ' + cites.map((c) => c.title).join(', '),
              })
            : null,
        );
      }),
    );
    if (stick || ordered.length <= 1) ui.transcript.scrollTop = ui.transcript.scrollHeight;
  }

  /**
   * What the bot tried and what it found: the live BOT_NOT_ENOUGH_DATA event, else the ticket's
   * handoff context, else the latest answer the bot itself marked as unsure.
   */
  function currentAttempt() {
    const id = state.openId;
    const live = state.attempts.get(id);
    if (live)
      return {
        question: live.question,
        answer: live.attemptedAnswer,
        policy: live.policy,
        sources: live.sources || [],
      };
    const ticket = state.context && state.context.ticket;
    const context = ticket && ticket.context;
    if (context && (context.attemptedAnswer || context.question)) {
      return {
        question: context.question || '',
        answer: context.attemptedAnswer || '',
        policy: context.policy || null,
        sources: context.sources || context.citations || [],
      };
    }
    const unsure = ((state.context && state.context.botAnswers) || []).find(
      (a) => a.haveEnoughInformation === false,
    );
    if (unsure) {
      const reply = state.messages.get(unsure.messageId);
      const question = unsure.replyToMessageId && state.messages.get(unsure.replyToMessageId);
      return {
        question: question ? question.text : '',
        answer: reply ? reply.text : '',
        policy: unsure.outcome,
        sources: unsure.citations,
      };
    }
    return null;
  }

  function renderAttempt() {
    const attempt = state.openId ? currentAttempt() : null;
    if (!attempt) {
      ui.attempt.replaceChildren(
        el('p', { className: 'muted', text: 'The bot has not been stuck in this conversation.' }),
      );
      return;
    }
    const sources = el('ol', { className: 'sources', 'data-testid': 'attempt-sources' });
    for (const source of attempt.sources) {
      const score = typeof source.score === 'number' ? ` (${source.score.toFixed(2)})` : '';
      sources.appendChild(
        el('li', {
          'data-testid': 'attempt-source',
          text: `${source.title} — ${source.partition}${score}`,
        }),
      );
    }
    ui.attempt.replaceChildren(
      el(
        'dl',
        { className: 'attempt' },
        el('dt', { text: 'Question' }),
        el('dd', { 'data-testid': 'attempt-question', text: attempt.question }),
        el('dt', {
          text: attempt.policy ? `Attempted answer (${attempt.policy})` : 'Attempted answer',
        }),
        el('dd', {
          'data-testid': 'attempt-answer',
          text: attempt.answer || '(the bot had nothing to say)',
        }),
        el('dt', { text: 'Sources it found' }),
        el(
          'dd',
          null,
          attempt.sources.length ? sources : el('span', { text: 'No relevant knowledge.' }),
        ),
      ),
    );
  }

  function renderCsat() {
    const rating = state.ratings.get(state.openId);
    ui.csat.textContent = rating
      ? `Rated ${rating.rating}/5${rating.comment ? ` — “${rating.comment}”` : ''}`
      : 'Not rated.';
    ui.csat.dataset.rating = rating ? String(rating.rating) : '';
  }

  function setError(text) {
    ui.error.textContent = text || '';
    ui.error.hidden = !text;
  }

  // ---- actions -----------------------------------------------------------------------------
  async function act(action) {
    const id = state.openId;
    if (!id) return;
    setError('');
    const buttons = [ui.takeover, ui.handback, ui.close, ui.reopen];
    buttons.forEach((b) => (b.disabled = true));
    try {
      const result = await api('POST', `/api/v1/conversations/${id}/${action}`);
      applyState(result.id, result);
    } catch (error) {
      setError(error.message);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }
  ui.takeover.addEventListener('click', () => act('takeover'));
  ui.handback.addEventListener('click', () => act('handback'));
  ui.close.addEventListener('click', () => act('close'));
  ui.reopen.addEventListener('click', () => act('reopen'));

  function applyState(id, change) {
    const c = state.conversations.get(id);
    if (!c) return void refreshConversation(id);
    c.status = change.status;
    c.assigneeId = change.assigneeId;
    c.closedAt = change.closedAt;
    renderInbox();
    if (state.openId === id) renderOpenHeader();
  }

  // The customer sees "Agent is typing…"; at most one report every few seconds, then "stopped".
  let typingSentAt = 0;
  let typingStopTimer = 0;
  function reportTyping(typing) {
    const id = state.openId;
    if (!id || !state.socket) return;
    window.clearTimeout(typingStopTimer);
    if (typing) {
      typingStopTimer = window.setTimeout(() => reportTyping(false), TYPING_REPORT_MS);
      if (Date.now() - typingSentAt < TYPING_REPORT_MS) return;
      typingSentAt = Date.now();
    } else typingSentAt = 0;
    state.socket.emit('typing.set', { conversationId: id, typing });
  }
  ui.replyInput.addEventListener('input', () => reportTyping(ui.replyInput.value.trim() !== ''));

  ui.replyForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    reportTyping(false);
    const id = state.openId;
    const text = ui.replyInput.value.trim();
    if (!id || !text) return;
    ui.replySend.disabled = true;
    setError('');
    try {
      const message = await api('POST', `/api/v1/conversations/${id}/messages`, { text });
      ui.replyInput.value = '';
      onMessage(Object.assign({ senderId: state.me.userId }, message));
      // Replying may have taken the conversation over.
      await refreshConversation(id);
    } catch (error) {
      setError(error.message);
    } finally {
      ui.replySend.disabled = false;
      ui.replyInput.focus();
    }
  });
  ui.replyInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) ui.replyForm.requestSubmit();
  });

  /** Notes live on the conversation's ticket (the ticket service's REST). */
  ui.noteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = ui.noteInput.value.trim();
    const ticket = state.context && state.context.ticket;
    if (!text) return;
    if (!ticket) {
      ui.noteStatus.textContent = 'This conversation has no ticket yet; notes go on its ticket.';
      return;
    }
    ui.noteSend.disabled = true;
    try {
      await api('POST', `/api/v1/tickets/${ticket.id}/notes`, { text });
      ui.noteInput.value = '';
      ui.noteStatus.textContent = 'Note added.';
    } catch (error) {
      ui.noteStatus.textContent =
        error.status === 404 ? 'Notes are not available on this server.' : error.message;
    } finally {
      ui.noteSend.disabled = false;
    }
  });

  // ---- live updates ------------------------------------------------------------------------
  function onMessage(message) {
    const c = state.conversations.get(message.conversationId);
    if (c) {
      if (!c.lastMessage || message.seq >= c.lastMessage.seq) {
        c.lastMessage = {
          id: message.id,
          seq: message.seq,
          text: message.text,
          senderType: message.senderType,
          direction: message.direction,
          status: message.status,
          createdAt: message.createdAt,
        };
        c.lastMessageSeq = Math.max(c.lastMessageSeq || 0, message.seq);
        c.lastMessageAt = message.createdAt;
      }
      renderInbox();
    } else {
      void refreshConversation(message.conversationId);
    }
    if (message.conversationId !== state.openId) return;
    const known = state.messages.get(message.id);
    state.messages.set(message.id, Object.assign({}, known, message));
    if (message.senderType !== 'customer') ui.typing.textContent = '';
    if (message.senderType === 'bot')
      void loadContext(message.conversationId).then(() => {
        renderTranscript();
        renderAttempt();
      });
    renderTranscript();
  }

  let typingTimer = 0;
  function onTyping(event) {
    if (event.conversationId !== state.openId || event.senderType === 'agent') return;
    window.clearTimeout(typingTimer);
    ui.typing.textContent = event.typing
      ? event.senderType === 'bot'
        ? 'The bot is answering…'
        : 'The customer is typing…'
      : '';
    if (event.typing)
      typingTimer = window.setTimeout(() => (ui.typing.textContent = ''), TYPING_TIMEOUT_MS);
  }

  function onNotEnoughData(event) {
    state.attempts.set(event.conversationId, event);
    state.stuck.add(event.conversationId);
    if (state.conversations.has(event.conversationId)) renderInbox();
    else void refreshConversation(event.conversationId);
    if (state.openId === event.conversationId) renderAttempt();
  }

  function onConversationUpdated(update) {
    // Someone acted on it: the bot being stuck on it earlier no longer calls for attention.
    state.stuck.delete(update.conversationId);
    applyState(update.conversationId, update);
  }

  function onCsatSubmitted(rating) {
    state.ratings.set(rating.conversationId, rating);
    if (state.openId === rating.conversationId) renderCsat();
  }

  function setLive(live, text) {
    ui.socketStatus.dataset.state = live ? 'live' : 'offline';
    ui.socketStatus.textContent = text;
  }

  function connectSocket() {
    if (typeof window.io !== 'function') {
      setLive(false, 'No live updates');
      return;
    }
    const socket = window.io('/agent', {
      transports: ['websocket', 'polling'],
      // A function, so every reconnect presents the current (refreshed) token.
      auth: (send) => send({ token: state.session ? state.session.accessToken : '' }),
    });
    state.socket = socket;
    socket.on('connect', () => setLive(true, 'Live'));
    socket.on('disconnect', () => setLive(false, 'Reconnecting…'));
    socket.on('connect_error', (error) => {
      setLive(false, 'Reconnecting…');
      // An expired access token: refresh it, and the next attempt uses the new one.
      if (error && error.data && error.data.code === 'unauthorized')
        refreshSession().then(
          () => socket.connect(),
          () => signOut('Your session has ended. Sign in again.'),
        );
    });
    socket.on('message.created', onMessage);
    socket.on('message.completed', onMessage);
    socket.on('typing', onTyping);
    socket.on('bot.not_enough_data', onNotEnoughData);
    socket.on('conversation.updated', onConversationUpdated);
    socket.on('csat.submitted', onCsatSubmitted);
    socket.on('agent.presence', onPresence);
    // Ticket, handoff and SLA events (the ticket service): whatever they are, the conversation
    // they name is fetched again, so its mode and assignee stay right, and its ticket context.
    socket.onAny((event, payload) => {
      if (!/^(ticket|handoff|sla)\./.test(event) || !payload) return;
      const conversationId =
        payload.conversationId || (payload.ticket && payload.ticket.conversationId);
      if (!conversationId) return;
      void refreshConversation(conversationId).then(() => {
        if (state.openId === conversationId) void loadContext(conversationId).then(renderAttempt);
      });
    });
  }

  // ---- boot --------------------------------------------------------------------------------
  state.session = readSession();
  if (state.session) start().catch(() => signOut('Sign in to continue.'));
  else showLogin();

  window.CXGenieConsole = { state, openConversation };
})();
