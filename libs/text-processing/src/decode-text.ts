import iconv from 'iconv-lite';

export type TextFileEncoding =
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'utf-32le'
  | 'utf-32be'
  | 'windows-1252';

export interface DecodedText {
  /** Without the byte-order mark. */
  text: string;
  encoding: TextFileEncoding;
}

// Longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
const BYTE_ORDER_MARKS: readonly [number[], TextFileEncoding][] = [
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const startsWith = (bytes: Buffer, mark: number[]): boolean =>
  bytes.length >= mark.length && mark.every((byte, i) => bytes[i] === byte);

/**
 * Text that is mostly control characters, replacement characters or holds a NUL is a binary
 * file that happened to decode. Tab, LF, VT, FF and CR are text.
 */
function looksBinary(text: string): boolean {
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 0x20 && (code < 0x09 || code > 0x0d)) || (code >= 0x7f && code <= 0x9f))
      suspicious++;
    else if (code === 0xfffd) suspicious++;
  }
  return suspicious > text.length / 1000;
}

/**
 * The text of a text file as people save it: UTF-8; UTF-16 or UTF-32 (either byte order) when a
 * byte-order mark says so, as Windows "Unicode" exports do; and Windows-1252 when the bytes are
 * not valid UTF-8 (the "ANSI" of Western Windows tools; ISO-8859-1 is its subset). Null when the
 * bytes are not text in any of these.
 */
export function decodeTextFile(bytes: Buffer): DecodedText | null {
  const marked = BYTE_ORDER_MARKS.find(([mark]) => startsWith(bytes, mark));
  let decoded: DecodedText;
  if (marked) {
    const [mark, encoding] = marked;
    const body = bytes.subarray(mark.length);
    decoded = {
      text: encoding === 'utf-8' ? body.toString('utf8') : iconv.decode(body, encoding),
      encoding,
    };
  } else {
    try {
      decoded = { text: UTF8.decode(bytes), encoding: 'utf-8' };
    } catch {
      decoded = { text: iconv.decode(bytes, 'windows-1252'), encoding: 'windows-1252' };
    }
  }
  return looksBinary(decoded.text) ? null : decoded;
}
