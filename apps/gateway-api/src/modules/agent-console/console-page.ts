import { CONSOLE_SCRIPT_FILE } from './console-asset';

/**
 * Only this origin may run scripts or be connected to (Socket.IO included: CSP3 `'self'` covers
 * ws:/wss: to the same host); the one inline stylesheet carries the nonce. Nothing inline runs, so
 * text from customers, rendered with textContent, can never become code.
 */
export const consolePageCsp = (nonce: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const STYLES = `
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #0f172a;
    background: #f1f5f9; height: 100vh; }
  button, input, select, textarea { font: inherit; }
  button { cursor: pointer; }
  button:disabled { cursor: not-allowed; opacity: .55; }
  :focus-visible { outline: 3px solid #a5b4fc; outline-offset: 1px; }
  .login { max-width: 360px; margin: 12vh auto; padding: 28px; background: #fff; border-radius: 14px;
    box-shadow: 0 8px 30px rgba(15, 23, 42, .12); }
  .login h1 { margin: 0 0 4px; font-size: 20px; } .login p { margin: 0 0 18px; color: #64748b; }
  .login label { display: block; margin: 10px 0 4px; font-weight: 600; font-size: 13px; }
  .login input { width: 100%; padding: 9px 11px; border: 1px solid #cbd5e1; border-radius: 8px; }
  .login button { width: 100%; margin-top: 18px; padding: 10px; border: 0; border-radius: 8px; background: #4f46e5;
    color: #fff; font-weight: 600; }
  .error { color: #b91c1c; background: #fef2f2; border-radius: 8px; padding: 8px 10px; margin: 10px 0 0; }
  .app { display: grid; grid-template-rows: auto 1fr; height: 100vh; }
  .topbar { display: flex; align-items: center; gap: 14px; padding: 10px 18px; background: #1e1b4b; color: #e0e7ff; }
  .topbar strong { font-size: 16px; color: #fff; } .topbar .grow { flex: 1; }
  .topbar select, .topbar button { padding: 5px 8px; border-radius: 6px; border: 1px solid #4338ca;
    background: #312e81; color: #fff; }
  .live { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #475569; }
  .live[data-state='live'] { background: #15803d; }
  .main { display: grid; grid-template-columns: 340px 1fr; min-height: 0; }
  .inbox { display: flex; flex-direction: column; min-height: 0; background: #fff; border-right: 1px solid #e2e8f0; }
  .tabs { display: grid; grid-template-columns: repeat(4, 1fr); border-bottom: 1px solid #e2e8f0; }
  .tabs button { padding: 10px 4px; border: 0; border-bottom: 3px solid transparent; background: none; font-size: 12px;
    font-weight: 600; color: #475569; }
  .tabs button[aria-selected='true'] { color: #4338ca; border-bottom-color: #4f46e5; }
  .count { display: inline-block; min-width: 18px; margin-left: 4px; padding: 0 5px; border-radius: 9px;
    background: #e2e8f0; color: #334155; font-size: 11px; }
  .list { list-style: none; margin: 0; padding: 0; overflow-y: auto; flex: 1; }
  .list li { padding: 10px 14px; border-bottom: 1px solid #f1f5f9; cursor: pointer; }
  .list li:hover { background: #f8fafc; } .list li[aria-current='true'] { background: #eef2ff; }
  .row { display: flex; align-items: center; gap: 6px; }
  .name { font-weight: 600; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .preview { color: #64748b; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .badge { font-size: 11px; padding: 1px 7px; border-radius: 9px; background: #e2e8f0; color: #334155; }
  .badge.human { background: #dbeafe; color: #1d4ed8; } .badge.closed { background: #f1f5f9; color: #64748b; }
  .badge.attention { background: #fee2e2; color: #b91c1c; }
  .empty { padding: 24px; color: #64748b; text-align: center; }
  .view { display: grid; grid-template-columns: 1fr 320px; min-height: 0; }
  .thread { display: flex; flex-direction: column; min-height: 0; }
  .thread header { display: flex; align-items: center; gap: 10px; padding: 12px 16px; background: #fff;
    border-bottom: 1px solid #e2e8f0; flex-wrap: wrap; }
  .thread header h2 { margin: 0; font-size: 16px; flex: 1; }
  .actions button { padding: 6px 12px; border: 1px solid #c7d2fe; border-radius: 7px; background: #eef2ff; color: #3730a3;
    font-weight: 600; }
  .actions button.danger { border-color: #fecaca; background: #fef2f2; color: #b91c1c; }
  .transcript { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 75%; padding: 8px 12px; border-radius: 12px; background: #fff; border: 1px solid #e2e8f0;
    white-space: pre-wrap; overflow-wrap: anywhere; }
  .msg[data-sender='customer'] { align-self: flex-start; }
  .msg[data-sender='bot'], .msg[data-sender='agent'] { align-self: flex-end; background: #eef2ff; border-color: #c7d2fe; }
  .msg[data-sender='agent'] { background: #dcfce7; border-color: #bbf7d0; }
  .msg[data-sender='system'] { align-self: center; background: transparent; border: 0; color: #64748b; font-size: 12px; }
  .who { display: block; font-size: 11px; font-weight: 700; color: #64748b; margin-bottom: 2px; }
  .cites { display: block; margin-top: 4px; font-size: 11px; color: #6366f1; }
  .typing { padding: 0 16px 6px; color: #64748b; font-size: 12px; min-height: 18px; }
  form.compose { display: flex; gap: 8px; padding: 10px 16px; background: #fff; border-top: 1px solid #e2e8f0; }
  form.compose textarea { flex: 1; min-height: 42px; max-height: 140px; padding: 8px 10px; border: 1px solid #cbd5e1;
    border-radius: 8px; resize: vertical; }
  form.compose button { padding: 0 16px; border: 0; border-radius: 8px; background: #4f46e5; color: #fff; font-weight: 600; }
  form.note button { background: #a16207; }
  .side { overflow-y: auto; padding: 14px; background: #fff; border-left: 1px solid #e2e8f0; }
  .side h3 { margin: 14px 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #64748b; }
  .attempt { padding: 10px; border-radius: 10px; background: #fffbeb; border: 1px solid #fde68a; }
  .attempt dt { font-size: 11px; font-weight: 700; color: #92400e; margin-top: 6px; }
  .attempt dd { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .sources { margin: 4px 0 0; padding-left: 18px; } .sources li { margin: 2px 0; }
  .muted { color: #64748b; font-size: 13px; }
  .placeholder { margin: auto; color: #64748b; }
`;

/** The whole console: a login form and the app shell; the script fills it from the API. */
export function renderConsolePage(nonce: string, scriptVersion: string): string {
  const version = encodeURIComponent(scriptVersion.replace(/"/g, ''));
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>CX Genie — Agent console</title>
    <link rel="icon" href="data:," />
    <style nonce="${nonce}">${STYLES}</style>
  </head>
  <body>
    <section class="login" data-testid="login" hidden>
      <h1>Agent console</h1>
      <p>Sign in with your CX Genie account.</p>
      <form data-testid="login-form" novalidate>
        <label for="login-email">Email</label>
        <input id="login-email" data-testid="login-email" type="email" autocomplete="username" required />
        <label for="login-password">Password</label>
        <input id="login-password" data-testid="login-password" type="password" autocomplete="current-password" required />
        <button type="submit" data-testid="login-submit">Sign in</button>
        <p class="error" data-testid="login-error" role="alert" hidden></p>
      </form>
    </section>

    <div class="app" data-testid="app" hidden>
      <div class="topbar">
        <strong>CX Genie</strong>
        <span data-testid="me-name"></span>
        <span class="grow"></span>
        <span class="live" data-testid="socket-status" data-state="offline">Offline</span>
        <label>Status
          <select data-testid="availability" aria-label="Your availability">
            <option value="online">Online</option>
            <option value="idle">Idle</option>
            <option value="offline">Offline</option>
          </select>
        </label>
        <button type="button" data-testid="logout">Sign out</button>
      </div>
      <div class="main">
        <nav class="inbox" aria-label="Inbox">
          <div class="tabs" role="tablist">
            <button type="button" role="tab" data-tab="attention" data-testid="tab-attention" aria-selected="true">Needs attention<span class="count" data-count="attention">0</span></button>
            <button type="button" role="tab" data-tab="mine" data-testid="tab-mine" aria-selected="false">Mine<span class="count" data-count="mine">0</span></button>
            <button type="button" role="tab" data-tab="unassigned" data-testid="tab-unassigned" aria-selected="false">Unassigned<span class="count" data-count="unassigned">0</span></button>
            <button type="button" role="tab" data-tab="all" data-testid="tab-all" aria-selected="false">All<span class="count" data-count="all">0</span></button>
          </div>
          <ul class="list" data-testid="inbox-list" aria-live="polite"></ul>
          <p class="empty" data-testid="inbox-empty">Nothing here.</p>
        </nav>
        <main class="view">
          <p class="placeholder" data-testid="no-conversation">Pick a conversation.</p>
          <section class="thread" data-testid="conversation" hidden>
            <header>
              <h2 data-testid="conv-title"></h2>
              <span class="badge" data-testid="conv-status"></span>
              <span class="muted" data-testid="conv-assignee"></span>
              <span class="actions">
                <button type="button" data-testid="action-takeover">Take over</button>
                <button type="button" data-testid="action-handback">Hand back to bot</button>
                <button type="button" data-testid="action-reopen">Reopen</button>
                <button type="button" class="danger" data-testid="action-close">Close</button>
              </span>
            </header>
            <p class="error" data-testid="conv-error" role="alert" hidden></p>
            <div class="transcript" data-testid="transcript" role="log" aria-label="Transcript"></div>
            <div class="typing" data-testid="conv-typing" aria-live="polite"></div>
            <form class="compose" data-testid="reply-form" novalidate>
              <label class="muted" for="reply-input" hidden>Reply</label>
              <textarea id="reply-input" data-testid="reply-input" maxlength="4000" placeholder="Reply to the customer…"></textarea>
              <button type="submit" data-testid="reply-send">Send</button>
            </form>
          </section>
          <aside class="side" data-testid="conv-side" hidden>
            <h3>Bot's attempt</h3>
            <div data-testid="bot-attempt"></div>
            <h3>Customer</h3>
            <div class="muted" data-testid="conv-customer"></div>
            <h3>Rating</h3>
            <div class="muted" data-testid="conv-csat">Not rated.</div>
            <h3>Internal note</h3>
            <form class="compose note" data-testid="note-form" novalidate>
              <textarea data-testid="note-input" maxlength="4000" placeholder="Only agents see notes"></textarea>
              <button type="submit" data-testid="note-send">Add</button>
            </form>
            <p class="muted" data-testid="note-status"></p>
          </aside>
        </main>
      </div>
    </div>
    <script src="/socket.io/socket.io.js" defer></script>
    <script src="/console/${CONSOLE_SCRIPT_FILE}?v=${version}" defer></script>
  </body>
</html>
`;
}
