const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
/** Types a browser would render or run as a page of ours if it ever showed one inline. */
const ACTIVE = /html|xml|svg|javascript|ecmascript|x-sh|wasm/;

/**
 * The Content-Type a stored file is served with: what it was recorded as, unless that is
 * malformed or a type a browser renders as a document (HTML, SVG, XML, scripts), which are sent as
 * opaque bytes. The route also sends it as an attachment with nosniff; this is the third wall.
 */
export function servedType(recorded: string | undefined): string {
  const type = (recorded ?? '').split(';')[0]!.trim().toLowerCase();
  if (!MIME_TYPE.test(type) || ACTIVE.test(type)) return 'application/octet-stream';
  return type;
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
