/** An opaque position in a list ordered by (timestamp DESC, id DESC). */
export interface CursorPosition {
  at: Date;
  id: string;
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API issued');
    this.name = 'InvalidCursorError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = ({ at, id }: CursorPosition): string =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !UUID.test(id))
      throw new InvalidCursorError();
    return { at: date, id };
  } catch {
    throw new InvalidCursorError();
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
