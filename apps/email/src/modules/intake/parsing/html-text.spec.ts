import { textOfHtml } from './html-text';

describe('textOfHtml', () => {
  it('keeps the words and links, drops markup, scripts, styles and image addresses', () => {
    const text = textOfHtml(
      '<html><head><title>x</title><style>p{color:red}</style></head><body>' +
        '<script>steal()</script><p>Hi <b>there</b></p><img src="https://t.example.test/p.gif">' +
        '<p>See <a href="https://shop.example.test/order/1">my order</a></p></body></html>',
    );
    expect(text).toBe('Hi there\n\nSee my order [https://shop.example.test/order/1]');
  });

  it('refuses to convert nesting deeper than any real mail', () => {
    const deep = '<b>'.repeat(200_000) + 'deep' + '</b>'.repeat(200_000);
    expect(textOfHtml(deep)).toBe('');
    expect(textOfHtml('<div>'.repeat(50) + 'shallow' + '</div>'.repeat(50))).toBe('shallow');
  });
});
