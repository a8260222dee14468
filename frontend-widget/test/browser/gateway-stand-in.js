/**
 * A local HTTP stand-in for the gateway, for the real-browser tests: serves a host page with the built
 * bundle, the workspace issues list, a real text/event-stream, retry and application endpoints.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export const TOKEN = 'token-alice';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Workspace</title></head>
<body style="font-family: system-ui; margin: 2rem; max-width: 60rem">
  <h1>Acme Corp — Virtual Clusters</h1>
  <script>window.demoToken = async () => '${TOKEN}';</script>
  <provisioning-alert workspace="acme" token-provider="demoToken" support-href="mailto:support@example.com"></provisioning-alert>
  <p><button id="after">Something after the widget</button></p>
  <script src="/widget/provisioning-widget.js"></script>
</body></html>`;

export async function startGatewayStandIn({ bundlePath, issues, application }) {
  const streams = [];
  const requests = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    requests.push({ method: request.method, url: request.url, headers: request.headers });
    const authorized = request.headers.authorization === `Bearer ${TOKEN}`;
    const send = (status, body, type = 'application/json') => {
      response.writeHead(status, { 'Content-Type': type });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (url.pathname === '/') return send(200, page, 'text/html; charset=utf-8');
    if (url.pathname === '/widget/provisioning-widget.js') {
      return send(200, readFileSync(bundlePath, 'utf8'), 'text/javascript; charset=utf-8');
    }
    if (!authorized) return send(401, { title: 'Unauthorized', status: 401, detail: 'missing token' }, 'application/problem+json');
    if (url.pathname === '/api/workspaces/acme/provisioning-issues') return send(200, issues());
    if (url.pathname === '/api/workspaces/acme/provisioning-issues/stream') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      response.write('retry: 500\n\n');
      streams.push(response);
      return undefined;
    }
    if (request.method === 'POST' && url.pathname === '/api/applications/payments-service/provisioning/retry') {
      return send(202, { applicationId: 'payments-service', commandId: 'cmd-1' });
    }
    if (url.pathname === '/api/applications/payments-service/provisioning') return send(200, application());
    return send(404, { title: 'Not Found', status: 404 }, 'application/problem+json');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    streams,
    /** Writes one event to the newest open stream, split in two chunks to exercise the parser. */
    send(type, data, id) {
      const frame = `id: ${id}\r\nevent: ${type}\r\ndata: ${JSON.stringify(data)}\r\n\r\n`;
      const stream = streams.at(-1);
      stream.write(frame.slice(0, 17));
      stream.write(frame.slice(17));
    },
    closeStreams() {
      for (const stream of streams.splice(0)) stream.end();
    },
    async stop() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
