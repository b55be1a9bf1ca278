// Real local servers for the link checker's tests (127.0.0.x, port 0). Not used by the product.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export interface Hit {
  method: string;
  path: string;
  /** Host name the client asked for (Host header without port). */
  host: string;
  at: number;
  userAgent?: string;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: Hit) => void;

/** An HTTP server that logs every request and measures how many are in flight (overall and per Host). */
export class TestServer {
  readonly hits: Hit[] = [];
  maxInFlight = 0;
  readonly maxInFlightByHost = new Map<string, number>();
  private inFlight = 0;
  private readonly inFlightByHost = new Map<string, number>();
  private readonly routes = new Map<string, Handler>();
  private fallback: Handler = (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };
  private readonly servers: http.Server[] = [];
  port = 0;

  private constructor(readonly host: string) {}

  /** Listens on each address (same port on all when possible). */
  static async start(addresses: string[] = ['127.0.0.1']): Promise<TestServer> {
    const s = new TestServer(addresses[0]!);
    for (const address of addresses) {
      const server = http.createServer((req, res) => s.handle(req, res));
      server.keepAliveTimeout = 1000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(s.port, address, () => resolve());
      });
      s.port = (server.address() as AddressInfo).port;
      s.servers.push(server);
    }
    return s;
  }

  route(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  otherwise(handler: Handler): this {
    this.fallback = handler;
    return this;
  }

  url(path: string, host = this.host): string {
    return `http://${host}:${this.port}${path}`;
  }

  hitsFor(path: string): Hit[] {
    return this.hits.filter((h) => h.path === path);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const hit: Hit = { method: req.method ?? '', path: req.url ?? '', host, at: Date.now(), userAgent: req.headers['user-agent'] };
    this.hits.push(hit);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const n = (this.inFlightByHost.get(host) ?? 0) + 1;
    this.inFlightByHost.set(host, n);
    this.maxInFlightByHost.set(host, Math.max(this.maxInFlightByHost.get(host) ?? 0, n));
    res.once('close', () => {
      this.inFlight--;
      this.inFlightByHost.set(host, (this.inFlightByHost.get(host) ?? 1) - 1);
    });
    const pathOnly = (req.url ?? '/').split('?')[0]!;
    (this.routes.get(req.url ?? '') ?? this.routes.get(pathOnly) ?? this.fallback)(req, res, hit);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }
}

// Handlers -------------------------------------------------------------------------------------

export const html =
  (body: string, status = 200, headers: http.OutgoingHttpHeaders = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };

export const status =
  (code: number, headers: http.OutgoingHttpHeaders = {}, body = ''): Handler =>
  (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };

export const redirect =
  (code: number, location: string): Handler =>
  (_req, res) => {
    res.writeHead(code, { location, 'content-type': 'text/plain' });
    res.end(`see ${location}`);
  };

export const gzipHtml =
  (body: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(zlib.gzipSync(body));
  };

/** Answers after ms (the timer is cleared if the client goes away first, so nothing lingers). */
export const slow =
  (ms: number, then: Handler): Handler =>
  (req, res, hit) => {
    const timer = setTimeout(() => then(req, res, hit), ms);
    res.once('close', () => clearTimeout(timer));
  };

/** Sends headers at once, then the body after ms. */
export const slowBody =
  (ms: number, body: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body>');
    const timer = setTimeout(() => res.end(body), ms);
    res.once('close', () => clearTimeout(timer));
  };

/** Different handlers for successive requests; the last one repeats. */
export const sequence =
  (...handlers: Handler[]): Handler =>
  (req, res, hit) => {
    const h = handlers.length > 1 ? handlers.shift()! : handlers[0]!;
    h(req, res, hit);
  };

/** Only answers the listed methods; others get 405. */
export const onlyMethods =
  (methods: string[], then: Handler, refuse = 405): Handler =>
  (req, res, hit) => {
    if (methods.includes(req.method ?? '')) then(req, res, hit);
    else status(refuse, refuse === 405 ? { allow: methods.join(', ') } : {})(req, res, hit);
  };

// Raw TCP --------------------------------------------------------------------------------------

/** A TCP server that resets (RST) every connection as soon as the request arrives. */
export async function startResetServer(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', () => socket.resetAndDestroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether this machine can listen on an address (127.0.0.2 works on Linux, not on macOS). */
export async function canListen(address: string): Promise<boolean> {
  const server = net.createServer();
  return new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, address, () => server.close(() => resolve(true)));
  });
}
