import type { Namespace, Socket } from 'socket.io';

/** The token a client put in its handshake's `auth`, if any. */
export const handshakeToken = (socket: Socket): string | null => {
  const token = (socket.handshake.auth ?? {}).token as unknown;
  return typeof token === 'string' ? token : null;
};

/**
 * Authenticates in namespace middleware, before the connection is accepted, so no event can arrive
 * ahead of the check. A refusal reaches the client as `connect_error` with
 * `data: { code: 'unauthorized', status: 401 }`.
 */
export function requireSocketAuth(
  server: Namespace,
  refusal: string,
  authenticate: (socket: Socket) => Promise<boolean>,
): void {
  server.use((socket, next) => {
    void authenticate(socket).then(
      (ok) =>
        next(
          ok
            ? undefined
            : Object.assign(new Error(refusal), { data: { code: 'unauthorized', status: 401 } }),
        ),
      (error: Error) => next(error),
    );
  });
}
