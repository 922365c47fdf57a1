import { parseRobotsTxt, productTokenOf } from './robots-txt';

const UA = 'CXGenieBot/1.0 (+https://example.com/bot)';
const allowed = (robots: string, ...paths: string[]) => {
  const rules = parseRobotsTxt(robots, UA);
  return paths.map((path) => `${path} ${rules.isAllowed(path) ? 'allowed' : 'disallowed'}`);
};

describe('parseRobotsTxt (RFC 9309)', () => {
  it('lets the longest matching rule win, and allow win a tie', () => {
    const robots = [
      'User-agent: *',
      'Disallow: /private',
      'Allow: /private/open',
      'Disallow: /private/open/but-not-this',
      'Allow: /tie',
      'Disallow: /tie',
    ].join('\n');
    expect(
      allowed(
        robots,
        '/',
        '/private',
        '/private/x',
        '/private/open/page',
        '/private/open/but-not-this/x',
        '/tie',
        '/privatex',
      ),
    ).toEqual([
      '/ allowed',
      '/private disallowed',
      '/private/x disallowed',
      '/private/open/page allowed',
      '/private/open/but-not-this/x disallowed',
      '/tie allowed',
      '/privatex disallowed',
    ]);
  });

  it('supports * wildcards and the $ end anchor, and matches the query', () => {
    const robots = 'User-agent: *\nDisallow: /*.pdf$\nDisallow: /search?*q=\nDisallow: /a*b/';
    expect(
      allowed(
        robots,
        '/file.pdf',
        '/file.pdf?x=1',
        '/dir/file.pdf',
        '/search?lang=en&q=x',
        '/search',
        '/a/x/b/c',
        '/ab',
      ),
    ).toEqual([
      '/file.pdf disallowed',
      '/file.pdf?x=1 allowed',
      '/dir/file.pdf disallowed',
      '/search?lang=en&q=x disallowed',
      '/search allowed',
      '/a/x/b/c disallowed',
      '/ab allowed',
    ]);
  });

  it('treats regex characters in a rule literally', () => {
    expect(allowed('User-agent: *\nDisallow: /a.b(c)', '/a.b(c)/d', '/aXb(c)')).toEqual([
      '/a.b(c)/d disallowed',
      '/aXb(c) allowed',
    ]);
  });

  it('uses only the group naming our product token, case-insensitively, merging its groups', () => {
    const robots = [
      'User-agent: *',
      'Disallow: /',
      '',
      'User-agent: OtherBot',
      'User-Agent: cxgeniebot',
      'Disallow: /docs',
      '',
      'user-agent: CXGENIEBOT/2.0',
      'disallow: /admin # staff only',
    ].join('\r\n');
    expect(allowed(robots, '/', '/docs/x', '/admin')).toEqual([
      '/ allowed',
      '/docs/x disallowed',
      '/admin disallowed',
    ]);
  });

  it('falls back to *, and with no group at all allows everything', () => {
    expect(
      allowed('User-agent: OtherBot\nDisallow: /\n\nUser-agent: *\nDisallow: /tmp', '/', '/tmp/x'),
    ).toEqual(['/ allowed', '/tmp/x disallowed']);
    expect(allowed('User-agent: OtherBot\nDisallow: /', '/anything')).toEqual([
      '/anything allowed',
    ]);
    expect(allowed('', '/anything')).toEqual(['/anything allowed']);
    expect(allowed('<html>not robots</html>', '/x')).toEqual(['/x allowed']);
  });

  it('ignores an empty Disallow and rules outside any group, and always allows /robots.txt', () => {
    expect(allowed('Disallow: /early\nUser-agent: *\nDisallow:\n', '/early', '/x')).toEqual([
      '/early allowed',
      '/x allowed',
    ]);
    expect(allowed('User-agent: *\nDisallow: /', '/robots.txt', '/x')).toEqual([
      '/robots.txt allowed',
      '/x disallowed',
    ]);
  });

  it('compares non-ASCII rules in percent-encoded form', () => {
    expect(allowed('User-agent: *\nDisallow: /café', '/caf%C3%A9/menu', '/cafe')).toEqual([
      '/caf%C3%A9/menu disallowed',
      '/cafe allowed',
    ]);
  });

  it('collects every Sitemap line, whatever group it sits in', () => {
    const rules = parseRobotsTxt(
      'Sitemap: https://a.example/s1.xml\nUser-agent: *\nDisallow:\nsitemap:https://a.example/s2.xml',
      UA,
    );
    expect(rules.sitemaps).toEqual(['https://a.example/s1.xml', 'https://a.example/s2.xml']);
  });

  it('reads the product token of a user agent string', () => {
    expect(productTokenOf(UA)).toBe('cxgeniebot');
    expect(productTokenOf('Googlebot')).toBe('googlebot');
  });
});
