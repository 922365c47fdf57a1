import busboy from 'busboy';

/** The multipart fields inbound-parse services put the raw message in (SendGrid, Mailgun). */
const MIME_FIELDS = ['email', 'body-mime', 'message', 'raw'];

/**
 * The raw MIME message in an inbound webhook's body: the body itself (message/rfc822, text/plain,
 * application/octet-stream), or a multipart/form-data field or file named as the common
 * inbound-parse services name it. Null when there is none.
 */
export async function rawMimeOf(
  contentType: string | undefined,
  body: Buffer,
  limit: number,
): Promise<Buffer | null> {
  if (body.length === 0) return null;
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return body;
  return new Promise((resolve, reject) => {
    const found = new Map<string, Buffer>();
    const parser = busboy({
      headers: { 'content-type': contentType },
      limits: { fieldSize: limit + 1, fileSize: limit + 1, files: 20, fields: 200 },
    });
    parser.on('field', (name, value) => {
      if (MIME_FIELDS.includes(name)) found.set(name, Buffer.from(value, 'utf8'));
    });
    parser.on('file', (name, stream) => {
      if (!MIME_FIELDS.includes(name)) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => found.set(name, Buffer.concat(chunks)));
    });
    parser.on('error', reject);
    parser.on('close', () =>
      resolve(MIME_FIELDS.map((name) => found.get(name)).find((value) => value?.length) ?? null),
    );
    parser.end(body);
  });
}
