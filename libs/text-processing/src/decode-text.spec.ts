import { decodeTextFile } from './decode-text';

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
function utf32(text: string, endian: 'le' | 'be'): Buffer {
  const points = [...text].map((c) => c.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((point, i) =>
    endian === 'le' ? out.writeUInt32LE(point, i * 4) : out.writeUInt32BE(point, i * 4),
  );
  return out;
}

const TEXT = 'Grüße — “refunds” in 5–10 days € ✓ 😀\r\nLine two';

describe('decodeTextFile', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeTextFile(Buffer.from(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeTextFile(Buffer.from(`\ufeff${TEXT}`))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('reads UTF-16 little- and big-endian by their byte-order mark', () => {
    expect(decodeTextFile(Buffer.from(`\ufeff${TEXT}`, 'utf16le'))).toEqual({
      text: TEXT,
      encoding: 'utf-16le',
    });
    expect(decodeTextFile(utf16be(`\ufeff${TEXT}`))).toEqual({ text: TEXT, encoding: 'utf-16be' });
  });

  it('reads UTF-32 little- and big-endian by their byte-order mark (not as UTF-16)', () => {
    expect(decodeTextFile(utf32(`\ufeff${TEXT}`, 'le'))).toEqual({
      text: TEXT,
      encoding: 'utf-32le',
    });
    expect(decodeTextFile(utf32(`\ufeff${TEXT}`, 'be'))).toEqual({
      text: TEXT,
      encoding: 'utf-32be',
    });
  });

  it('falls back to Windows-1252 for bytes that are not valid UTF-8', () => {
    // "Café “quoted” – 5 €" as a Windows tool saves it: é E9, quotes 93/94, en dash 96, euro 80.
    const bytes = Buffer.from([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94, 0x20, 0x96,
      0x20, 0x35, 0x20, 0x80,
    ]);
    expect(decodeTextFile(bytes)).toEqual({
      text: 'Café “quoted” – 5 €',
      encoding: 'windows-1252',
    });
  });

  it('calls bytes with NULs or many control characters binary, in any encoding', () => {
    expect(decodeTextFile(Buffer.from([0x41, 0, 0x42, 0x43]))).toBeNull();
    expect(decodeTextFile(Buffer.from([0xff, 0xd8, 0x01, 0x02, 0x03, 0x9d]))).toBeNull();
    expect(decodeTextFile(Buffer.from('\ufeffA\u0000B', 'utf16le'))).toBeNull();
    expect(decodeTextFile(Buffer.from('tabs\tand\fform feeds\vare text\r\n'))).not.toBeNull();
  });

  it('replaces what cannot be decoded instead of failing', () => {
    // A UTF-32 file cut mid-character, and a code point past U+10FFFF, after enough real text.
    const long = 'ok '.repeat(1_000);
    const cut = utf32(`\ufeff${long}`, 'le');
    expect(decodeTextFile(cut.subarray(0, cut.length - 2))?.text).toBe(
      `${long.slice(0, -1)}\ufffd`,
    );
    const beyond = Buffer.concat([utf32(`\ufeff${long}`, 'be'), Buffer.from([0, 0x20, 0, 0])]);
    expect(decodeTextFile(beyond)?.text).toBe(`${long}\ufffd`);
  });
});
