/**
 * A webhook receiver for tests: a loopback HTTP server that records every notification it
 * accepted (2xx) and can be told to fail the next N requests (a receiver that is down, then
 * comes back).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  readonly delivery: string | undefined;
  readonly body: any;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Notifications answered 2xx, in arrival order. */
  readonly accepted: ReceivedNotification[];
  /** Every request, failed ones included. */
  requests: number;
  /** Answer 500 to the next `count` requests. */
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let failing = 0;
  const receiver = { accepted: [] as ReceivedNotification[], requests: 0 };
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      receiver.requests += 1;
      if (failing > 0) {
        failing -= 1;
        response.writeHead(500).end('down');
        return;
      }
      receiver.accepted.push({ delivery: request.headers['x-wsr-delivery'] as string | undefined, body: JSON.parse(text) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    failNext(count: number) {
      failing = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
