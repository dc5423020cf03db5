// A loopback forward proxy for tests of a source's `proxy`, set up as squid is by default.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

/** A running forward proxy and what it carried. */
export interface ForwardProxy {
  url: string;
  /** Absolute-form request URLs, and `CONNECT host:port` for tunnels asked for (allowed or not). */
  carried: string[];
  close(): Promise<void>;
}

/**
 * Starts a forward proxy on 127.0.0.1: absolute-URI requests for http://, CONNECT only to port 443 (anything else
 * answered 403), as squid is by default.
 */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const carried: string[] = [];
  const server: Server = createServer((req, res) => {
    carried.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end();
  });
  server.on('connect', (req, socket, head) => {
    carried.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    if (port !== '443') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    carried,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
