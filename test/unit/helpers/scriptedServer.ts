import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A one-off HTTP server on 127.0.0.1:0 for the header combinations the sandbox has no fault for. */
export async function scriptedServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
