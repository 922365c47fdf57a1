import { WIDGET_SCRIPT_FILE } from './widget-asset';

/** The bot that `npm start` seeds (tools/seed.ts), so the demo works on a fresh install. */
export const DEMO_BOT_KEY = 'pk_demo_widget_key';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Safe in text and in quoted attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"'`]/g, (char) => HTML_ESCAPES[char]);

/**
 * Only this page's own origin may load scripts or open connections (Socket.IO included: CSP3
 * `'self'` covers ws:/wss: to the same host); its one inline stylesheet carries the nonce. The
 * widget's own styles are a constructed stylesheet, which style-src does not govern.
 */
export const demoPageCsp = (nonce: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const PRODUCTS = [
  { name: 'Trailhead Rain Jacket', price: '$129', tone: 'teal' },
  { name: 'Summit Daypack 24L', price: '$89', tone: 'amber' },
  { name: 'Merino Base Layer', price: '$64', tone: 'rose' },
  { name: 'Ridge Hiking Boots', price: '$159', tone: 'slate' },
];

/** A fictional shop with the widget embedded exactly as a customer would embed it. */
export function renderDemoPage(botKey: string, nonce: string): string {
  const key = escapeHtml(botKey);
  const cards = PRODUCTS.map(
    (p) => `
        <article class="card">
          <div class="photo ${p.tone}" role="img" aria-label="${escapeHtml(p.name)}"></div>
          <h3>${escapeHtml(p.name)}</h3>
          <p class="price">${p.price}</p>
          <button type="button">Add to cart</button>
        </article>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Northwind Outfitters — CX Genie widget demo</title>
    <link rel="icon" href="data:," />
    <style nonce="${nonce}">
      * { box-sizing: border-box; }
      body { margin: 0; font-family: Georgia, 'Times New Roman', serif; color: #1c1917; background: #fafaf9; }
      /* Deliberately hostile to embedded widgets: none of it may reach the chat panel. */
      button { font-family: 'Comic Sans MS', cursive; text-transform: uppercase; }
      div, p { letter-spacing: .02em; }
      .nav { display: flex; justify-content: space-between; align-items: center; padding: 18px 40px;
        background: #1c1917; color: #fafaf9; }
      .nav strong { font-size: 22px; } .nav span { margin-left: 24px; opacity: .8; }
      .hero { padding: 56px 40px; background: linear-gradient(120deg, #134e4a, #0f766e); color: #f0fdfa; }
      .hero h1 { margin: 0 0 8px; font-size: 40px; } .hero p { margin: 0; font-size: 18px; }
      main { padding: 32px 40px 120px; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 24px; }
      .card { background: #fff; border-radius: 12px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
      .photo { height: 150px; border-radius: 8px; }
      .teal { background: linear-gradient(135deg, #5eead4, #0f766e); }
      .amber { background: linear-gradient(135deg, #fcd34d, #b45309); }
      .rose { background: linear-gradient(135deg, #fda4af, #be123c); }
      .slate { background: linear-gradient(135deg, #cbd5e1, #334155); }
      .card h3 { margin: 12px 0 4px; font-size: 17px; } .price { margin: 0 0 12px; color: #57534e; }
      .card button { padding: 8px 14px; border: 2px solid #1c1917; background: #fff; cursor: pointer; }
      .note { margin-top: 40px; font-size: 14px; color: #57534e; }
      code { background: #e7e5e4; padding: 2px 6px; border-radius: 4px; }
    </style>
  </head>
  <body>
    <nav class="nav" aria-label="Shop">
      <strong>Northwind Outfitters</strong>
      <div><span>Men</span><span>Women</span><span>Gear</span><span>Sale</span></div>
    </nav>
    <header class="hero">
      <h1>Ready for the trail</h1>
      <p>Free shipping over $75 · 60-day returns · Questions? Chat with us below.</p>
    </header>
    <main>
      <h2>Bestsellers</h2>
      <section class="grid">${cards}
      </section>
      <p class="note">
        This is a demo shop for the CX Genie web widget. Bot key: <code data-testid="demo-bot-key">${key}</code>
      </p>
    </main>
    <script src="/widget/${WIDGET_SCRIPT_FILE}" data-bot-key="${key}" async></script>
  </body>
</html>
`;
}
