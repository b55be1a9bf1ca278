// A local stand-in for RunPod's API on 127.0.0.1 (port 0), for the price tests. Not used by the product.
// Its replies follow RunPod's documented shapes (docs/research/runpod-api.md): the REST v2 catalog
// `GET /v2/catalog/gpus` → `{ "gpus": [GpuType…] }`, errors as RFC 9457 `application/problem+json`; GraphQL
// `POST /graphql` answering exactly the fields the query selects (a field it does not know is a GraphQL error, as a
// real GraphQL server answers), `errors` beside `data` when asked to. Every request is recorded as received.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Resolves when the request's connection or response is closed. */
  closed: Promise<void>;
}

export type Reply = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export const CATALOG_ROUTE = 'GET /v2/catalog/gpus';
export const GRAPHQL_ROUTE = 'POST /graphql';

/** A RunPod API origin: replies per route, in order (the last one repeats); other routes answer 404. */
export class FakeRunpod {
  readonly seen: SeenRequest[] = [];
  private constructor(
    private readonly server: http.Server,
    /** The origin, e.g. http://127.0.0.1:41234 */
    readonly origin: string,
  ) {}

  static async start(routes: Partial<Record<typeof CATALOG_ROUTE | typeof GRAPHQL_ROUTE, Reply[]>>): Promise<FakeRunpod> {
    const queues = new Map(Object.entries(routes).map(([k, v]) => [k, [...(v ?? [])]]));
    let api: FakeRunpod | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
        api!.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, closed });
        const queue = queues.get(`${req.method} ${(req.url ?? '').split('?')[0]}`);
        const reply = queue && queue.length > 0 ? (queue.length > 1 ? queue.shift()! : queue[0]!) : notFound;
        reply(req, res, body);
      });
    });
    server.keepAliveTimeout = 500;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    api = new FakeRunpod(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return api;
  }

  /** Requests to one route. */
  to(route: typeof CATALOG_ROUTE | typeof GRAPHQL_ROUTE): SeenRequest[] {
    return this.seen.filter((s) => `${s.method} ${s.url.split('?')[0]}` === route);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** What a server says for a route it does not have. */
export const notFound: Reply = (_req, res) => {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('404 page not found');
};

export const json =
  (value: unknown, status = 200, headers: http.OutgoingHttpHeaders = {}): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof value === 'string' ? value : JSON.stringify(value));
  };

export const raw =
  (status: number, body: string, headers: http.OutgoingHttpHeaders = { 'content-type': 'text/html' }): Reply =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** An RFC 9457 problem, as REST v2 sends its errors. */
export const problem =
  (status: number, title: string, detail: string, headers: http.OutgoingHttpHeaders = {}, errors?: string[]): Reply =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
    res.end(JSON.stringify({ title, status, detail, ...(errors ? { errors } : {}) }));
  };

/** Never answers (the client must time out or cancel). */
export const hang: Reply = () => {};

/** Answers after ms (the timer is cleared if the client goes away first). */
export const slow =
  (ms: number, then: Reply): Reply =>
  (req, res, body) => {
    const timer = setTimeout(() => then(req, res, body), ms);
    res.once('close', () => clearTimeout(timer));
  };

/** Resets the TCP connection (RST) instead of answering. */
export const reset: Reply = (req) => {
  req.socket.resetAndDestroy();
};

// ------------------------------------------------------------------ documented shapes

/** A REST v2 `GpuType` (every required field of the v2 OpenAPI schema). */
export interface V2GpuType {
  id: string;
  name: string;
  pool: string | null;
  manufacturer: 'NVIDIA' | 'AMD' | 'UNKNOWN';
  memory: number;
  secure: boolean;
  community: boolean;
  price: { secure: number; community: number; serverless?: number };
  maxCount: { secure: number; community: number };
}

export const v2Gpu = (id: string, name: string, memory: number, secure: number | false, community: number | false, extra: Partial<V2GpuType> = {}): V2GpuType => ({
  id,
  name,
  pool: null,
  manufacturer: id.startsWith('AMD') ? 'AMD' : id === 'unknown' ? 'UNKNOWN' : 'NVIDIA',
  memory,
  secure: secure !== false,
  community: community !== false,
  price: { secure: secure === false ? 0 : secure, community: community === false ? 0 : community },
  maxCount: { secure: secure === false ? 0 : 8, community: community === false ? 0 : 4 },
  ...extra,
});

/** A GraphQL `GpuType` with more fields than Benchpress asks for (the server answers only what is selected). */
export type GraphqlGpuType = Record<string, unknown> & { id: string };

export const gqlGpu = (id: string, displayName: string, memoryInGb: number, securePrice: number | null, communityPrice: number | null, extra: Record<string, unknown> = {}): GraphqlGpuType => ({
  id,
  displayName,
  memoryInGb,
  secureCloud: securePrice !== null && securePrice > 0,
  communityCloud: communityPrice !== null && communityPrice > 0,
  securePrice,
  communityPrice,
  secureSpotPrice: securePrice === null ? null : Math.round(securePrice * 60) / 100,
  communitySpotPrice: communityPrice === null ? null : Math.round(communityPrice * 60) / 100,
  manufacturer: id.startsWith('AMD') ? 'AMD' : 'Nvidia',
  maxGpuCount: 8,
  ...extra,
});

const GPU_TYPE_SCHEMA = new Set(['id', 'displayName', 'memoryInGb', 'secureCloud', 'communityCloud', 'securePrice', 'communityPrice', 'secureSpotPrice', 'communitySpotPrice', 'manufacturer', 'maxGpuCount', 'cudaCores', 'oneWeekPrice', 'oneMonthPrice', 'threeMonthPrice']);

/** The scalar fields a query selects under `gpuTypes { … }` (no arguments or nested selections: it rejects those). */
export function selectedGpuTypeFields(query: string): string[] | undefined {
  const m = /^\s*(?:query\s+\w*\s*)?\{\s*gpuTypes\s*\{([^{}()]*)\}\s*\}\s*$/.exec(query);
  return m ? m[1]!.trim().split(/[\s,]+/).filter(Boolean) : undefined;
}

/**
 * A GraphQL endpoint over a list of GPU types: parses the request body, answers each selected field, reports an
 * unknown field or a query it cannot read as GraphQL does (HTTP 400, `errors`), and adds `errors` beside the
 * data when given (a partial failure).
 */
export const graphql =
  (types: GraphqlGpuType[], options: { errors?: unknown[]; nullFields?: Record<string, string[]> } = {}): Reply =>
  (_req, res, body) => {
    const fail = (message: string) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message }] }));
    };
    let query: unknown;
    try {
      query = (JSON.parse(body) as { query?: unknown }).query;
    } catch {
      return fail('Body is not JSON');
    }
    if (typeof query !== 'string') return fail('Must provide query string.');
    const fields = selectedGpuTypeFields(query);
    if (!fields) return fail('The test server reads only `{ gpuTypes { scalar fields } }` queries');
    const unknownField = fields.find((f) => !GPU_TYPE_SCHEMA.has(f));
    if (unknownField) return fail(`Cannot query field "${unknownField}" on type "GpuType".`);
    const gpuTypes = types.map((t) => Object.fromEntries(fields.map((f) => [f, options.nullFields?.[t.id]?.includes(f) ? null : (t[f] ?? null)])));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...(options.errors ? { errors: options.errors } : {}), data: { gpuTypes } }));
  };
