/**
 * Test support: a real HTTP server on 127.0.0.1 (random port) that records
 * each request's path and parsed JSON body and answers with `respond`.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface HttpTestServer {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export type Responder = (request: IncomingMessage, response: ServerResponse) => void;

const answerOk: Responder = (_request, response) => response.end('ok');

export async function startHttpTestServer(respond: Responder = answerOk): Promise<HttpTestServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        contentType: request.headers['content-type'],
        body: text ? JSON.parse(text) : undefined,
      });
      respond(request, response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
