import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';

/** A TLS connection opens with a handshake record: content type 22. */
const TLS_HANDSHAKE = 0x16;
/** A connection that says nothing for this long is closed (it would hold a socket forever). */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

/**
 * HTTPS and plain HTTP on one port: the first byte of each connection says
 * which it is. A user who types `http://nas:4747` reaches the same port the
 * app is on, and is answered (by the plain server: a page pointing to
 * https://) instead of a reset connection. A second port would leave that
 * address dead, which is the address people type.
 */
export function sharedPort(secure: HttpsServer, plain: HttpServer): Server {
  return createServer((socket: Socket) => {
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    const route = () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) {
        socket.once('readable', route);
        return;
      }
      socket.setTimeout(0);
      socket.removeAllListeners('error');
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : plain).emit('connection', socket);
    };
    socket.once('readable', route);
  });
}
