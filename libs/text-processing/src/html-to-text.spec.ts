import { htmlToStructuredText } from './html-to-text';

const page = `<!DOCTYPE html><html><head><title>Refunds — Help Center</title>
<style>.x{color:red}</style><script>track()</script></head><body>
<div class="navheader"><a href="prev.html">Prev</a> Chapter 3 <a href="next.html">Next</a></div>
<header>Site header</header><nav><a href="/">Home</a></nav>
<div role="navigation">Breadcrumbs</div>
<h1>Refunds</h1>
<p>Refunds are paid   within <b>5 days</b>.</p>
<h2>How to ask</h2>
<ul><li>Open <code>Billing</code></li><li>Click <em>Refund</em><ul><li>Pick an invoice</li></ul></li></ul>
<table><tr><th>Plan</th><th>Window</th></tr><tr><td>Monthly</td><td>14 days</td></tr></table>
<pre>curl -X POST /refunds
  -d '{"id": 1}'</pre>
<aside>Related articles</aside>
<div class="navfooter">Prev | Up | Next</div><footer>© ACME</footer>
</body></html>`;

describe('htmlToStructuredText', () => {
  const { title, text } = htmlToStructuredText(page);

  it('keeps the title and the main content as markdown-like text', () => {
    expect(title).toBe('Refunds — Help Center');
    expect(text).toBe(
      [
        '# Refunds',
        'Refunds are paid within 5 days.',
        '## How to ask',
        '- Open Billing\n- Click Refund\n  - Pick an invoice',
        'Plan | Window\nMonthly | 14 days',
        '```\ncurl -X POST /refunds\n  -d \'{"id": 1}\'\n```',
      ].join('\n\n'),
    );
  });

  it('drops navigation, chrome and scripts', () => {
    for (const noise of [
      'Prev',
      'Site header',
      'Home',
      'Breadcrumbs',
      'Related',
      'ACME',
      'track',
      'color',
    ]) {
      expect(text).not.toContain(noise);
    }
  });

  it('prefers <main> when the page has one', () => {
    const result = htmlToStructuredText('<body><p>Sidebar</p><main><p>Only this</p></main></body>');
    expect(result).toEqual({ title: '', text: 'Only this' });
  });
});
