import { SNIPPET_VARIANTS, scriptTag } from './widget-snippet';

describe('the widget snippet', () => {
  const context = { origin: 'https://chat.example.com', botKey: 'pk_abc123' };

  it('loads the script from the gateway with the bot’s public key, asynchronously', () => {
    const tag = scriptTag(context);
    expect(tag).toContain('src="https://chat.example.com/widget/cxgenie-widget.js"');
    expect(tag).toContain('data-bot-key="pk_abc123"');
    expect(tag).toMatch(/async\n><\/script>$/);
  });

  it('offers each variant with code built from the same context', () => {
    const anonymous = SNIPPET_VARIANTS.find((v) => v.id === 'anonymous')!;
    expect(anonymous.blocks(context)).toEqual([
      { label: 'HTML', language: 'html', code: scriptTag(context) },
    ]);
    expect(new Set(SNIPPET_VARIANTS.map((v) => v.id)).size).toBe(SNIPPET_VARIANTS.length);
  });

  it('signs the visitor id on the server, never in the page', () => {
    const verified = SNIPPET_VARIANTS.find((v) => v.id === 'verified')!;
    const [server, html] = verified.blocks({ origin: 'https://chat.example.com', botKey: 'pk_1' });
    expect(server.code).toContain("createHmac('sha256', process.env.CXGENIE_IDENTITY_SECRET)");
    expect(html.code).toContain('data-visitor-id=');
    expect(html.code).toContain('data-visitor-hash=');
    expect(html.code).not.toContain('IDENTITY_SECRET');
  });
});
