import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayPort } from '../../gateway/gateway-port.js';
import { newMessageId } from '../../gateway/message-id.js';
import { parseMessageBody, HttpInputError } from './message-body.js';

export const HTTP_CHANNEL = 'http';
const MAX_BODY = 64 * 1024;

/**
 * The HTTP channel: `POST /api/messages` {from, text, id?, wait?} → {replies}. The reply is the
 * delivery: the rows are marked sent once the response has been written. Final sale results
 * that arrive later are fetched with `GET /api/replies?to=<from>` (or waited for with `wait`).
 */
export class HttpChannel {
  private server: Server | undefined;

  /** `token`: when set, every request must carry `Authorization: Bearer <token>`. */
  constructor(
    private readonly core: GatewayPort,
    private readonly token?: string,
  ) {}

  async start(host: string, port: number): Promise<AddressInfo> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((e: unknown) => json(res, 500, { error: e instanceof Error ? e.message : 'internal error' }));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return server.address() as AddressInfo;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (this.token !== undefined && url.pathname !== '/healthz' && !bearerMatches(req, this.token)) {
      return json(res, 401, { error: 'missing or wrong Authorization: Bearer <token>' });
    }
    if (url.pathname === '/api/messages') {
      if (req.method !== 'POST') return json(res, 405, { error: 'use POST' });
      return this.message(req, res);
    }
    if (url.pathname === '/api/replies') {
      if (req.method !== 'GET') return json(res, 405, { error: 'use GET' });
      return this.pending(url, res);
    }
    if (url.pathname === '/healthz') return json(res, 200, { ok: true });
    return json(res, 404, { error: 'not found: POST /api/messages or GET /api/replies?to=<from>' });
  }

  private async message(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body;
    try {
      body = parseMessageBody(await readBody(req));
    } catch (e) {
      if (e instanceof HttpInputError) return json(res, e.status, { error: e.message });
      throw e;
    }
    let handled;
    const id = body.id ?? newMessageId();
    try {
      handled = await this.core.handle({ channel: HTTP_CHANNEL, messageId: id, sender: body.from, text: body.text, receivedAt: this.core.now() });
    } catch (e) {
      // Not confirmed (when the core thread died after its commit, it may be stored): the caller
      // sends it again with this id, and runs it at most once.
      return json(res, 503, { error: `not confirmed, send it again with "id": ${e instanceof Error ? e.message : e}`, id });
    }
    const replies = [...handled.replies];
    if (body.wait > 0 && handled.saleId !== undefined) {
      // A wait that fails is a wait that timed out: the final result stays fetchable.
      const final = await this.core.saleResult(handled.saleId, body.wait * 1000).catch(() => undefined);
      if (final) replies.push(final);
    }
    await json(res, 200, { replies: replies.map((r) => r.text) });
    await this.core.delivered(replies.map((r) => r.id));
  }

  private async pending(url: URL, res: ServerResponse): Promise<void> {
    const to = url.searchParams.get('to');
    if (!to) return json(res, 400, { error: 'expected ?to=<from>: the sender whose replies to fetch' });
    const rows = await this.core.unsentTo(HTTP_CHANNEL, to);
    await json(res, 200, { replies: rows.map((r) => r.text) });
    await this.core.delivered(rows.map((r) => r.id));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpInputError(413, `body larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes a JSON response; resolves once it has been handed to the socket. */
function json(res: ServerResponse, status: number, body: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (res.headersSent) return resolve();
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body), () => resolve());
  });
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
