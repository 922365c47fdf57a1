import { TextDecoder } from 'node:util';

const MAX_FILENAME_LENGTH = 255;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The file's name as the user saw it. Browsers send UTF-8 bytes in `filename="…"`, which busboy
 * reads as latin1; the bytes are re-read as UTF-8 when they are valid UTF-8. Control characters
 * and any directory part are dropped, so the name is only ever a label.
 */
export function uploadedFilename(raw: string): string {
  let name = raw;
  const latin1Only = [...raw].every((c) => c.charCodeAt(0) <= 0xff);
  if (latin1Only && /[\u0080-\u00ff]/.test(raw)) {
    try {
      name = UTF8.decode(Buffer.from(raw, 'latin1'));
    } catch {
      // Genuinely latin1 (or garbage): keep what busboy decoded.
    }
  }
  name = [...name]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .split(/[/\\]/)
    .pop()!
    .trim();
  return name.slice(0, MAX_FILENAME_LENGTH) || 'upload';
}
