/*
 * CX Genie web chat widget: one plain script, no build step, no framework.
 *
 *   <script src="https://<gateway>/widget/cxgenie-widget.js" data-bot-key="pk_..." async></script>
 *
 * Optional: data-api-base="https://<gateway>" (defaults to this script's own origin).
 * Logged-in visitors: data-visitor-id="<your user id>" data-visitor-hash="<HMAC-SHA256 of the id
 * under the bot's identity secret, hex, computed on your server>" resume that user's conversation
 * on any device; without them the visitor is anonymous and resumes by the token this browser keeps.
 * It draws a launcher bubble and a chat panel inside a Shadow DOM (the page's CSS cannot reach
 * them), starts or resumes a visitor session over REST, then talks over Socket.IO (/customer).
 * The visitor's externalId, session token and last seen sequence are kept in localStorage per bot
 * key, so a reload shows the same conversation. Hosts and tests can drive it through
 * window.CXGenieWidget = { open(), close(), send(text) }.
 */
/* global window, document, localStorage, sessionStorage, CSSStyleSheet */
(function () {
  'use strict';
  if (window.CXGenieWidget) return; // Embedded twice: the first one wins.

  const script = document.currentScript || document.querySelector('script[data-bot-key]');
  const botKey = script && script.dataset.botKey;
  if (!botKey) {
    console.warn('[cxgenie] the widget script needs a data-bot-key attribute');
    return;
  }
  const apiBase = (script.dataset.apiBase || new URL(script.src, window.location.href).origin)
    .trim()
    .replace(/\/+$/, '');
  // A visitor the site vouches for (signed on its server); anonymous otherwise.
  const visitorId = script.dataset.visitorId || null;
  const visitorHash = script.dataset.visitorHash || null;
  const storageKey = 'cxgenie:widget:' + botKey + (visitorId ? ':' + visitorId : '');
  const ACK_TIMEOUT_MS = 10000;
  const TYPING_TIMEOUT_MS = 30000;
  // How often a typing customer is reported, and how long a pause means they stopped.
  const TYPING_REPORT_MS = 3000;
  const TOKEN_MARGIN_MS = 60000;

  // ---- persistence -------------------------------------------------------------------------
  const store = {
    read() {
      try {
        return JSON.parse(localStorage.getItem(storageKey) || '{}') || {};
      } catch {
        return {};
      }
    },
    write(patch) {
      try {
        localStorage.setItem(storageKey, JSON.stringify(Object.assign(store.read(), patch)));
      } catch {
        // Storage disabled (private mode, quota): the widget still works for this page view.
      }
    },
  };
  const tabState = {
    get open() {
      try {
        return sessionStorage.getItem(storageKey + ':open') === '1';
      } catch {
        return false;
      }
    },
    set open(value) {
      try {
        sessionStorage.setItem(storageKey + ':open', value ? '1' : '0');
      } catch {
        // Ignored, as above.
      }
    },
  };

  // ---- DOM ---------------------------------------------------------------------------------
  const CSS = `
    :host { all: initial; }
    .root { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2937; }
    .root *, .root *::before, .root *::after { box-sizing: border-box; }
    .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 56px; height: 56px;
      border: 0; border-radius: 50%; background: #4f46e5; color: #fff; cursor: pointer;
      box-shadow: 0 6px 20px rgba(79, 70, 229, .4); display: grid; place-items: center; }
    .launcher:hover { background: #4338ca; }
    .launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid #a5b4fc; outline-offset: 2px; }
    .launcher .icon, .launcher svg { display: block; width: 26px; height: 26px; }
    .badge { position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px;
      border-radius: 10px; background: #ef4444; color: #fff; font-size: 12px; line-height: 20px; }
    .panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483000; width: 370px;
      height: min(560px, calc(100vh - 110px)); display: flex; flex-direction: column; overflow: hidden;
      background: #fff; border-radius: 16px; box-shadow: 0 12px 40px rgba(15, 23, 42, .25); }
    .panel[hidden], .badge[hidden], .typing[hidden], .error[hidden], .status[hidden] { display: none; }
    @media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; border-radius: 0; } }
    header { display: flex; align-items: center; gap: 10px; padding: 14px 16px; background: #4f46e5; color: #fff; }
    .avatar { width: 34px; height: 34px; border-radius: 50%; background: rgba(255, 255, 255, .2);
      display: grid; place-items: center; font-weight: 700; }
    .title { flex: 1; min-width: 0; }
    .title h2 { margin: 0; font-size: 15px; font-weight: 600; }
    .title p { margin: 0; font-size: 12px; opacity: .85; }
    .close { border: 0; background: transparent; color: inherit; cursor: pointer; font-size: 22px;
      width: 32px; height: 32px; border-radius: 8px; line-height: 1; }
    .close:hover { background: rgba(255, 255, 255, .15); }
    .messages { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 8px;
      background: #f8fafc; }
    .empty { margin: auto; color: #64748b; text-align: center; font-size: 13px; }
    .msg { max-width: 82%; padding: 9px 13px; border-radius: 14px; white-space: pre-wrap;
      overflow-wrap: anywhere; }
    .msg[data-sender='customer'] { align-self: flex-end; background: #4f46e5; color: #fff; border-bottom-right-radius: 4px; }
    .msg[data-sender='bot'], .msg[data-sender='agent'] { align-self: flex-start; background: #fff; color: #1f2937;
      border: 1px solid #e2e8f0; border-bottom-left-radius: 4px; }
    .msg[data-sender='system'] { align-self: center; background: transparent; color: #64748b; font-size: 12px; }
    .msg[data-streaming='true'] .text::after { content: '▍'; margin-left: 2px; animation: blink 1s steps(2) infinite; }
    .who { display: block; font-size: 11px; font-weight: 600; color: #64748b; margin-bottom: 2px; }
    .typing { display: flex; align-items: center; gap: 4px; padding: 4px 18px 8px; background: #f8fafc;
      color: #64748b; font-size: 12px; }
    .dot { width: 6px; height: 6px; border-radius: 50%; background: #94a3b8; animation: bounce 1.2s infinite; }
    .dot:nth-child(2) { animation-delay: .15s; } .dot:nth-child(3) { animation-delay: .3s; }
    .status, .error { margin: 0; padding: 6px 16px; font-size: 12px; }
    .status { color: #64748b; background: #f1f5f9; }
    .error { color: #b91c1c; background: #fef2f2; }
    form { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px; border-top: 1px solid #e2e8f0; }
    textarea { flex: 1; resize: none; max-height: 120px; min-height: 40px; padding: 9px 12px; font: inherit;
      color: inherit; border: 1px solid #cbd5e1; border-radius: 10px; background: #fff; }
    .send { height: 40px; padding: 0 16px; border: 0; border-radius: 10px; background: #4f46e5; color: #fff;
      font: inherit; font-weight: 600; cursor: pointer; }
    .send:disabled { background: #c7d2fe; cursor: not-allowed; }
    .csat { align-self: stretch; margin: 4px 0; padding: 10px 12px; border: 1px solid #e2e8f0; border-radius: 12px;
      background: #fff; text-align: center; }
    .csat p { margin: 0 0 8px; color: #334155; font-size: 13px; }
    .csat-options { display: flex; justify-content: center; gap: 6px; }
    .csat-options button { width: 38px; height: 38px; border: 1px solid #c7d2fe; border-radius: 10px; background: #eef2ff;
      color: #3730a3; font: inherit; font-weight: 600; cursor: pointer; }
    .csat-options button:hover { background: #e0e7ff; }
    .csat-options button:disabled { cursor: default; opacity: .6; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    @keyframes bounce { 0%, 60%, 100% { transform: none; } 30% { transform: translateY(-4px); } }
    @keyframes blink { to { visibility: hidden; } }
    @media (prefers-reduced-motion: reduce) { .dot, .msg .text::after { animation: none; } }
  `;
  const svg = (path) =>
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
    `stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="${path}"/></svg>`;
  const ICON_CHAT = svg('M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z');
  const ICON_DOWN = svg('M6 9l6 6 6-6');
  const HTML = `
    <div class="root">
      <section class="panel" data-testid="cxg-panel" id="cxg-panel" role="dialog" aria-modal="false"
        aria-labelledby="cxg-title" hidden>
        <header>
          <div class="avatar" aria-hidden="true">AI</div>
          <div class="title"><h2 id="cxg-title">Support</h2><p>We usually answer right away</p></div>
          <button type="button" class="close" data-testid="cxg-close" aria-label="Close chat">×</button>
        </header>
        <p class="status" data-testid="cxg-status" role="status" hidden></p>
        <div class="messages" data-testid="cxg-messages" role="log" aria-live="polite"
          aria-relevant="additions" aria-label="Conversation">
          <p class="empty">Hi! Ask us anything.</p>
        </div>
        <div class="typing" data-testid="cxg-typing" hidden>
          <span class="dot"></span><span class="dot"></span><span class="dot"></span>
          <span class="typing-label">Assistant is typing…</span>
        </div>
        <p class="error" data-testid="cxg-error" role="alert" hidden></p>
        <form novalidate>
          <label class="sr-only" for="cxg-input">Type your message</label>
          <textarea id="cxg-input" data-testid="cxg-input" rows="1" maxlength="4000"
            placeholder="Type your message…" autocomplete="off"></textarea>
          <button type="submit" class="send" data-testid="cxg-send" disabled>Send</button>
        </form>
      </section>
      <button type="button" class="launcher" data-testid="cxg-launcher" aria-label="Open chat"
        aria-expanded="false" aria-controls="cxg-panel"><span class="icon">${ICON_CHAT}</span><span
        class="badge" hidden></span></button>
    </div>`;

  const host = document.createElement('cxgenie-widget');
  host.style.setProperty('display', 'block', 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function') {
    // A constructed stylesheet needs no 'unsafe-inline' under the host page's CSP.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    if (script.nonce) style.nonce = script.nonce;
    style.textContent = CSS;
    shadow.appendChild(style);
  }
  const template = document.createElement('template');
  template.innerHTML = HTML;
  shadow.appendChild(template.content);

  const $ = (selector) => shadow.querySelector(selector);
  const ui = {
    panel: $('.panel'),
    title: $('#cxg-title'),
    close: $('.close'),
    status: $('.status'),
    list: $('.messages'),
    empty: $('.empty'),
    typing: $('.typing'),
    typingLabel: $('.typing-label'),
    error: $('.error'),
    form: $('form'),
    input: $('textarea'),
    send: $('.send'),
    launcher: $('.launcher'),
    launcherIcon: $('.launcher .icon'),
    badge: $('.badge'),
  };

  // ---- state -------------------------------------------------------------------------------
  const rendered = new Map(); // message id -> element, for persisted and streaming messages
  const streams = new Map(); // message id -> { chunks: string[], shown: number, el }
  const discarded = new Set(); // ids of streamed answers abandoned before completing
  let lastSeq = 0;
  // The conversation lastSeq belongs to; a closed conversation's successor starts again from 1.
  let currentConversationId = null;
  const knownConversations = new Set();
  const seenBeforeLoad = Number(store.read().lastSeq) || 0;
  let socket = null;
  let connecting = null;
  let sending = false;
  // The message being sent until the server acknowledges it: sending the same text again (after a
  // lost ack, a timeout, a dropped connection) reuses its id, so the server stores it once.
  let pending = null;
  let unread = 0;
  let typingTimer = 0;
  let authFailures = 0;
  let botNameLoaded = false;

  const setStatus = (text) => {
    ui.status.textContent = text || '';
    ui.status.hidden = !text;
  };
  const setError = (text) => {
    ui.error.textContent = text || '';
    ui.error.hidden = !text;
  };
  const updateSendButton = () => {
    ui.send.disabled = sending || !ui.input.value.trim() || !(socket && socket.connected);
  };
  const nearBottom = () => ui.list.scrollHeight - ui.list.scrollTop - ui.list.clientHeight < 80;
  const scrollToBottom = () => {
    ui.list.scrollTop = ui.list.scrollHeight;
  };
  const showTyping = (typing, senderType) => {
    window.clearTimeout(typingTimer);
    ui.typingLabel.textContent =
      senderType === 'agent' ? 'Agent is typing…' : 'Assistant is typing…';
    ui.typing.hidden = !typing;
    if (typing) typingTimer = window.setTimeout(() => showTyping(false), TYPING_TIMEOUT_MS);
  };

  // ---- rendering ---------------------------------------------------------------------------
  const SENDER_LABEL = { bot: 'Assistant', agent: 'Agent' };

  function messageElement(id, senderType) {
    const el = document.createElement('div');
    el.className = 'msg';
    el.dataset.sender = senderType;
    el.dataset.messageId = id;
    el.setAttribute('data-testid', 'cxg-message');
    if (SENDER_LABEL[senderType]) {
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = SENDER_LABEL[senderType];
      el.appendChild(who);
    } else if (senderType === 'customer') {
      const who = document.createElement('span');
      who.className = 'sr-only';
      who.textContent = 'You: ';
      el.appendChild(who);
    }
    const text = document.createElement('span');
    text.className = 'text';
    text.setAttribute('data-testid', 'cxg-message-text');
    el.appendChild(text);
    return el;
  }

  /** Persisted messages sit in seq order; streaming answers (no seq yet) stay below them. */
  function placeInOrder(el, seq) {
    let before = null;
    for (const child of ui.list.children) {
      if (!child.classList.contains('msg')) continue;
      if (
        child.dataset.conversationId &&
        child.dataset.conversationId !== el.dataset.conversationId
      )
        continue;
      const childSeq = child.dataset.seq ? Number(child.dataset.seq) : Infinity;
      if (childSeq > seq) {
        before = child;
        break;
      }
    }
    ui.list.insertBefore(el, before);
  }

  /** Counts answers that arrive while the panel is closed; history seen before is not new. */
  function noteActivity(message) {
    if (message.senderType === 'customer' || !ui.panel.hidden) return;
    if (typeof message.seq === 'number' && message.seq <= seenBeforeLoad) return;
    unread += 1;
    ui.badge.textContent = String(unread);
    ui.badge.hidden = false;
    ui.launcher.setAttribute('aria-label', `Open chat, ${unread} unread`);
  }

  /** message.created, message.completed and acks all land here; a message shows once, by id. */
  function upsertMessage(message) {
    if (!message || !message.id || typeof message.seq !== 'number') return;
    const stick = nearBottom();
    ui.empty.hidden = true;
    let el = rendered.get(message.id);
    const isNew = !el;
    if (isNew) el = messageElement(message.id, message.senderType);
    const wasStreaming = streams.delete(message.id);
    followConversation(message.conversationId);
    if (message.conversationId) el.dataset.conversationId = message.conversationId;
    const textEl = el.querySelector('.text');
    // The stored text is the truth; it normally equals what was streamed, so nothing moves.
    if (textEl.textContent !== message.text) textEl.textContent = message.text;
    el.dataset.seq = String(message.seq);
    el.removeAttribute('data-streaming');
    if (message.createdAt) el.title = new Date(message.createdAt).toLocaleString();
    rendered.set(message.id, el);
    if (isNew || wasStreaming) placeInOrder(el, message.seq);
    if (isNew) noteActivity(message);
    if (message.conversationId === currentConversationId && message.seq > lastSeq) {
      lastSeq = message.seq;
      store.write({ lastSeq });
    }
    if (message.senderType !== 'customer' && message.senderType !== 'system') showTyping(false);
    if (stick || message.senderType === 'customer') scrollToBottom();
  }

  /** A message of a conversation not seen before: the customer's new conversation (the old one closed). */
  function followConversation(conversationId) {
    if (!conversationId || knownConversations.has(conversationId)) return;
    knownConversations.add(conversationId);
    currentConversationId = conversationId;
    lastSeq = 0;
  }

  /** After closing, the conversation asks for a 1–5 rating: buttons under the question. */
  function showRatingRequest(request) {
    if (
      !request ||
      !request.conversationId ||
      shadow.querySelector('.csat[data-for="' + request.conversationId + '"]')
    )
      return;
    const box = document.createElement('div');
    box.className = 'csat';
    box.dataset.for = request.conversationId;
    box.setAttribute('data-testid', 'cxg-csat');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'Rate this conversation');
    const note = document.createElement('p');
    note.textContent = 'Tap a number: 1 is poor, 5 is excellent.';
    const options = document.createElement('div');
    options.className = 'csat-options';
    for (let rating = request.minRating || 1; rating <= (request.maxRating || 5); rating += 1) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = String(rating);
      button.setAttribute('data-testid', 'cxg-csat-option');
      button.setAttribute('aria-label', `Rate ${rating} out of ${request.maxRating || 5}`);
      button.addEventListener('click', () => submitRating(box, request.conversationId, rating));
      options.appendChild(button);
    }
    box.append(note, options);
    const question = rendered.get(request.messageId);
    ui.empty.hidden = true;
    ui.list.insertBefore(box, question ? question.nextSibling : null);
    noteActivity({ senderType: 'system' });
    if (nearBottom() || question) scrollToBottom();
  }

  function submitRating(box, conversationId, rating) {
    const buttons = box.querySelectorAll('button');
    buttons.forEach((b) => (b.disabled = true));
    setError('');
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('csat.submit', { conversationId, rating }, (timeout, ack) => {
        if (!timeout && ack && ack.ok) {
          const thanks = document.createElement('p');
          thanks.setAttribute('data-testid', 'cxg-csat-thanks');
          thanks.textContent = `Thanks for your feedback! You rated us ${rating} out of 5.`;
          box.replaceChildren(thanks);
          return;
        }
        buttons.forEach((b) => (b.disabled = false));
        setError((ack && ack.error && ack.error.message) || 'Your rating was not sent. Try again.');
      });
  }

  /** A streamed answer grows chunk by chunk, only ever showing the gap-free prefix. */
  function appendChunk(chunk) {
    if (discarded.has(chunk.messageId)) return;
    const done = rendered.get(chunk.messageId);
    if (done && !streams.has(chunk.messageId)) return; // Already completed (or replayed).
    let stream = streams.get(chunk.messageId);
    if (!stream) {
      const el = messageElement(chunk.messageId, 'bot');
      el.dataset.streaming = 'true';
      stream = { chunks: [], shown: 0, el };
      streams.set(chunk.messageId, stream);
      rendered.set(chunk.messageId, el);
      ui.empty.hidden = true;
      ui.list.appendChild(el);
      noteActivity({ senderType: 'bot' });
    }
    if (stream.chunks[chunk.chunkIndex] !== undefined) return; // Duplicate delivery.
    stream.chunks[chunk.chunkIndex] = chunk.text;
    const stick = nearBottom();
    const textEl = stream.el.querySelector('.text');
    // New text nodes, not a rewrite: a screen reader announces only the new paragraph.
    while (stream.chunks[stream.shown] !== undefined) {
      textEl.appendChild(document.createTextNode(stream.chunks[stream.shown]));
      stream.shown += 1;
    }
    if (stick) scrollToBottom();
  }

  /** An answer that will not complete (an agent took over): what was shown of it goes away. */
  function discardStream(event) {
    if (!event || !event.messageId) return;
    discarded.add(event.messageId);
    const stream = streams.get(event.messageId);
    if (!stream) return;
    streams.delete(event.messageId);
    rendered.delete(event.messageId);
    stream.el.remove();
  }

  // ---- session and socket ------------------------------------------------------------------
  async function startSession() {
    const post = (body) =>
      fetch(apiBase + '/api/v1/widget/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const { externalId } = store.read();
    const customer =
      visitorId && visitorHash
        ? { externalId: visitorId, userHash: visitorHash }
        : externalId
          ? { externalId }
          : null;
    let res = await post(customer ? { botKey, customer } : { botKey });
    // A stored id the server no longer accepts: start over as a new visitor.
    if (res.status === 400 && customer && !visitorId) res = await post({ botKey });
    if (!res.ok)
      throw new Error(res.status === 404 ? 'This chat is not available.' : 'Could not start chat.');
    const session = await res.json();
    store.write({
      externalId: session.externalId,
      sessionToken: session.sessionToken,
      expiresAt: Date.now() + session.expiresIn * 1000,
    });
    loadBotName(session.sessionToken);
    return session.sessionToken;
  }

  function loadBotName(token) {
    if (botNameLoaded) return;
    botNameLoaded = true;
    fetch(apiBase + '/api/v1/widget/session', { headers: { authorization: 'Bearer ' + token } })
      .then((res) => (res.ok ? res.json() : null))
      .then((info) => {
        if (info && info.bot && info.bot.name) ui.title.textContent = info.bot.name;
        else botNameLoaded = false; // A refused token: ask again with the next one.
      })
      .catch(() => undefined);
  }

  async function currentToken() {
    const saved = store.read();
    if (saved.sessionToken && (saved.expiresAt || 0) - TOKEN_MARGIN_MS > Date.now()) {
      loadBotName(saved.sessionToken);
      return saved.sessionToken;
    }
    return startSession(); // Expired or never had one: same externalId, fresh token.
  }

  function loadSocketIo() {
    if (typeof window.io === 'function') return Promise.resolve(window.io);
    return new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = apiBase + '/socket.io/socket.io.js';
      tag.async = true;
      if (script.nonce) tag.nonce = script.nonce;
      tag.onload = () =>
        typeof window.io === 'function' ? resolve(window.io) : reject(new Error('no window.io'));
      tag.onerror = () => reject(new Error('Could not load the chat client.'));
      document.head.appendChild(tag);
    });
  }

  /** Connects once; later calls wait for the same connection. */
  function connect() {
    if (!connecting) {
      connecting = doConnect().catch((error) => {
        connecting = null;
        setStatus(error.message || 'Could not connect.');
        throw error;
      });
    }
    return connecting;
  }

  async function doConnect() {
    setStatus('Connecting…');
    const io = await loadSocketIo();
    socket = io(apiBase + '/customer', {
      transports: ['websocket', 'polling'],
      // lastSeq is what this page has shown: 0 on a fresh page, so the server replays the whole
      // conversation; after a dropped connection, only what came since.
      auth: (send) => {
        currentToken().then(
          (token) => send({ token, lastSeq }),
          (error) => {
            setStatus(error.message);
            send({ token: '' });
          },
        );
      },
    });
    socket.on('connect', () => {
      setStatus('');
      updateSendButton();
    });
    socket.on('disconnect', (reason) => {
      updateSendButton();
      if (reason === 'io client disconnect') return;
      if (reason === 'io server disconnect') {
        // The server hung up, which it does on a bad token: try once more with a fresh session.
        if (authFailures > 2) return setStatus('Chat is unavailable right now.');
        setStatus('Reconnecting…');
        socket.connect();
      } else setStatus('Connection lost. Reconnecting…');
    });
    socket.on('connect_error', (error) => {
      const status = error && error.data && error.data.status;
      if (
        status === 401 ||
        status === 403 ||
        (error && error.data && error.data.code === 'unauthorized')
      )
        expireToken();
      setStatus('Cannot reach chat. Retrying…');
      if (!socket.active && authFailures <= 2) window.setTimeout(() => socket.connect(), 1000);
    });
    socket.on('error', (error) => {
      if (error && error.code === 'unauthorized') expireToken();
    });
    socket.on('message.created', (message) => {
      authFailures = 0;
      upsertMessage(message);
    });
    socket.on('message.completed', upsertMessage);
    socket.on('message.chunk', appendChunk);
    socket.on('message.discarded', discardStream);
    socket.on('csat.requested', showRatingRequest);
    socket.on('typing', (event) => {
      if (event.senderType !== 'customer') showTyping(event.typing, event.senderType);
    });
  }

  function expireToken() {
    authFailures += 1;
    store.write({ sessionToken: null, expiresAt: 0 });
  }

  function newClientMessageId() {
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes); // Unlike randomUUID, also on plain-http pages.
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function emitWithAck(message) {
    return new Promise((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit('message.send', message, (timeout, ack) => {
        resolve(
          timeout
            ? { ok: false, error: { code: 'timeout', message: 'Not sent: no answer from server.' } }
            : ack,
        );
      });
    });
  }

  async function send(text) {
    reportTyping(false);
    text = String(text == null ? '' : text).trim();
    if (!text) return { ok: false, error: { code: 'invalid_payload', message: 'Empty message' } };
    sending = true;
    updateSendButton();
    setError('');
    if (!pending || pending.text !== text)
      pending = { text, clientMessageId: newClientMessageId() };
    const message = pending;
    try {
      const ack = await connect().then(
        () => emitWithAck(message),
        (error) => ({ ok: false, error: { code: 'unavailable', message: error.message } }),
      );
      if (ack && ack.ok) {
        authFailures = 0;
        if (pending === message) pending = null;
        upsertMessage(ack.message);
      } else {
        setError((ack && ack.error && ack.error.message) || 'Message not sent.');
      }
      return ack;
    } finally {
      sending = false;
      updateSendButton();
    }
  }

  // ---- open / close and input --------------------------------------------------------------
  function open(options) {
    const focus = !options || options.focus !== false;
    ui.panel.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'true');
    ui.launcher.setAttribute('aria-label', 'Close chat');
    ui.launcherIcon.innerHTML = ICON_DOWN;
    unread = 0;
    ui.badge.hidden = true;
    tabState.open = true;
    if (focus) ui.input.focus();
    scrollToBottom();
    connect().catch(() => undefined);
  }

  function close() {
    const hadFocus = shadow.activeElement && ui.panel.contains(shadow.activeElement);
    ui.panel.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'false');
    ui.launcher.setAttribute('aria-label', 'Open chat');
    ui.launcherIcon.innerHTML = ICON_CHAT;
    tabState.open = false;
    if (hadFocus) ui.launcher.focus();
  }

  async function submit() {
    const text = ui.input.value;
    if (!text.trim() || sending) return;
    const ack = await send(text);
    if (ack && ack.ok) {
      ui.input.value = '';
      autosize();
    }
    updateSendButton();
    ui.input.focus();
  }

  function autosize() {
    ui.input.style.height = 'auto';
    ui.input.style.height = Math.min(ui.input.scrollHeight + 2, 120) + 'px';
  }

  ui.launcher.addEventListener('click', () => (ui.panel.hidden ? open() : close()));
  ui.close.addEventListener('click', close);
  ui.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  ui.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  // Agents see the customer typing; at most one "typing" every few seconds, "stopped" once.
  let typingSentAt = 0;
  let typingStopTimer = 0;
  function reportTyping(typing) {
    if (!socket || !socket.connected) return;
    window.clearTimeout(typingStopTimer);
    if (typing) {
      typingStopTimer = window.setTimeout(() => reportTyping(false), TYPING_REPORT_MS);
      if (Date.now() - typingSentAt < TYPING_REPORT_MS) return;
      typingSentAt = Date.now();
    } else typingSentAt = 0;
    socket.emit('typing.set', { typing });
  }
  ui.input.addEventListener('input', () => {
    setError('');
    autosize();
    updateSendButton();
    reportTyping(ui.input.value.trim() !== '');
  });

  function mount() {
    document.body.appendChild(host);
    // A returning visitor reconnects at once, to see answers that came while they were away.
    // An open panel stays open across pages, without taking the page's focus.
    if (tabState.open) open({ focus: false });
    else if (store.read().externalId) connect().catch(() => undefined);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  window.CXGenieWidget = { open: () => open(), close, send };
})();
