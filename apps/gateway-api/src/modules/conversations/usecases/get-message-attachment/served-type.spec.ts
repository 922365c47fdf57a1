import { attachmentDisposition, servedType } from './served-type';

describe('servedType', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['image/png; name="a.png"', 'image/png'],
    ['IMAGE/JPEG', 'image/jpeg'],
    ['text/plain', 'text/plain'],
  ])('keeps %s as %s', (recorded, served) => expect(servedType(recorded)).toBe(served));

  it.each([
    'text/html',
    'application/xhtml+xml',
    'image/svg+xml',
    'text/xml',
    'application/javascript',
    'text/javascript',
    'not a type',
    '',
    undefined,
  ])('sends %s as opaque bytes', (recorded) =>
    expect(servedType(recorded)).toBe('application/octet-stream'),
  );
});

describe('attachmentDisposition', () => {
  it('is an attachment whose header cannot be broken by the name', () => {
    const header = attachmentDisposition('in"voice\r\nSet-Cookie: x.pdf');
    expect(header).toMatch(/^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''[^\s"]+$/);
  });

  it('carries a non-ASCII name exactly in filename*', () => {
    const header = attachmentDisposition('Rechnung März.pdf');
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(decodeURIComponent(encoded)).toBe('Rechnung März.pdf');
    expect(header).toContain('filename="Rechnung M_rz.pdf"');
  });
});
