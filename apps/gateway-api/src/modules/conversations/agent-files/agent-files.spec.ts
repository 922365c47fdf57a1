import { cleanFilename } from './agent-files';

describe('cleanFilename', () => {
  it('reads the UTF-8 name the browser sent (multer hands it over as latin1)', () => {
    expect(cleanFilename(Buffer.from('Rechnung März.pdf', 'utf8').toString('latin1'))).toBe(
      'Rechnung März.pdf',
    );
  });

  it('keeps a name that was not UTF-8 as it came', () => {
    expect(cleanFilename('caf\u00e9.txt')).toBe('caf\u00e9.txt');
  });

  it('makes a name one line without a path, and never empty', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(cleanFilename('a\r\nBcc: x@example.test.pdf')).toBe('a  Bcc: x@example.test.pdf');
    expect(cleanFilename('   ')).toBe('attachment');
    expect(cleanFilename('x'.repeat(300))).toHaveLength(200);
  });
});
