import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createSseClient, MAX_RETRY_MS, MIN_RETRY_MS } from '../src/sse-client.js';
import { API_BASE, fakeGateway, flush, problem, STREAM_PATH } from './fixtures.js';

const URL = `${API_BASE}${STREAM_PATH}`;

function connect(gateway, options = {}) {
  const events = [];
  const states = [];
  const client = createSseClient({
    url: URL,
    fetch: gateway.fetch,
    getHeaders: async () => ({ Authorization: 'Bearer token-alice' }),
    onEvent: (event) => events.push(event),
    onStateChange: (state) => states.push(state),
    random: () => 1,
    ...options,
  });
  client.start();
  return { client, events, states };
}

const streamRequests = (gateway) => gateway.requestsTo('GET', STREAM_PATH);
const delays = (states) => states.filter((state) => state.status === 'reconnecting').map((state) => state.retryInMs);

describe('SSE client', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  test('sends the bearer token in the Authorization header, never in the URL', async () => {
    const gateway = fakeGateway().stream();
    connect(gateway);
    await flush();
    const [request] = streamRequests(gateway);
    expect(request.headers.get('Authorization')).toBe('Bearer token-alice');
    expect(request.headers.get('Accept')).toBe('text/event-stream');
    expect(request.url).toBe(URL);
  });

  test('delivers events as they arrive and reports the connection open', async () => {
    const gateway = fakeGateway().stream();
    const { events, client } = connect(gateway);
    await flush();
    gateway.lastStream.push('retry: 3000\n\n: heartbeat\n\n');
    gateway.lastStream.send('summary', { count: 2 }, 'c1');
    await flush();
    expect(events).toEqual([{ type: 'summary', data: '{"count":2}', id: 'c1' }]);
    expect(client.state.status).toBe('open');
  });

  test('reconnects after the stream ends, sending Last-Event-ID of the last event seen', async () => {
    const gateway = fakeGateway().stream();
    connect(gateway);
    await flush();
    gateway.lastStream.send('summary', { count: 1 }, 'c41');
    gateway.lastStream.send('summary', { count: 2 }, 'c42');
    gateway.lastStream.end();
    await flush();
    expect(streamRequests(gateway)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(streamRequests(gateway)).toHaveLength(2);
    expect(streamRequests(gateway)[1].headers.get('Last-Event-ID')).toBe('c42');
    expect(streamRequests(gateway)[0].headers.has('Last-Event-ID')).toBe(false);
  });

  test('backs off exponentially from the server retry interval and caps the delay', async () => {
    const gateway = fakeGateway().stream();
    for (let i = 0; i < 7; i += 1) gateway.streamResponses.push(() => problem(503, 'unavailable'));
    const { states } = connect(gateway);
    await flush();
    const expected = [3000, 6000, 12000, 24000, MAX_RETRY_MS, MAX_RETRY_MS, MAX_RETRY_MS];
    for (const delay of expected) await vi.advanceTimersByTimeAsync(delay);
    expect(delays(states)).toEqual(expected);
    expect(streamRequests(gateway)).toHaveLength(8);
  });

  test('jitter keeps at least half of each backoff step', async () => {
    const gateway = fakeGateway().stream();
    for (let i = 0; i < 3; i += 1) gateway.streamResponses.push(() => Promise.reject(new TypeError('network down')));
    const { states } = connect(gateway, { random: () => 0 });
    await flush();
    await vi.advanceTimersByTimeAsync(1500 + 3000 + 6000);
    expect(delays(states)).toEqual([1500, 3000, 6000]);
    expect(streamRequests(gateway)).toHaveLength(4);
  });

  test('does not reconnect before the backoff delay has passed', async () => {
    const gateway = fakeGateway().stream();
    gateway.streamResponses.push(() => problem(502, 'bad gateway'));
    connect(gateway);
    await flush();
    await vi.advanceTimersByTimeAsync(2999);
    expect(streamRequests(gateway)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(streamRequests(gateway)).toHaveLength(2);
  });

  test('uses the retry interval the server announces', async () => {
    const gateway = fakeGateway().stream();
    const { states } = connect(gateway);
    await flush();
    gateway.lastStream.push('retry: 500\n\n');
    gateway.lastStream.end();
    await flush();
    expect(delays(states)).toEqual([500]);
  });

  test('never reconnects faster than a floor, whatever retry the server announces', async () => {
    const gateway = fakeGateway().stream();
    const { states } = connect(gateway);
    await flush();
    gateway.lastStream.push('retry: 0\n\n');
    gateway.lastStream.end();
    await flush();
    expect(delays(states)).toEqual([MIN_RETRY_MS]);
  });

  test('a successful connection resets the backoff', async () => {
    const gateway = fakeGateway().stream();
    gateway.streamResponses.push(() => problem(503, 'unavailable'), () => problem(503, 'unavailable'));
    const { states } = connect(gateway);
    await flush();
    await vi.advanceTimersByTimeAsync(3000 + 6000);
    gateway.lastStream.end();
    await flush();
    expect(delays(states)).toEqual([3000, 6000, 3000]);
  });

  test('401 stops reconnecting and reports the session expired', async () => {
    const gateway = fakeGateway().stream();
    gateway.streamResponses.push(() => problem(401, 'expired token'));
    const { client } = connect(gateway);
    await flush();
    await vi.advanceTimersByTimeAsync(10 * MAX_RETRY_MS);
    expect(streamRequests(gateway)).toHaveLength(1);
    expect(client.state.status).toBe('unauthorized');
  });

  test('403 stops reconnecting and reports not allowed', async () => {
    const gateway = fakeGateway().stream();
    gateway.streamResponses.push(() => problem(403, 'not a member'));
    const { client } = connect(gateway);
    await flush();
    await vi.advanceTimersByTimeAsync(10 * MAX_RETRY_MS);
    expect(streamRequests(gateway)).toHaveLength(1);
    expect(client.state.status).toBe('forbidden');
  });

  test('resync drops the cursor and reconnects at once without Last-Event-ID', async () => {
    const gateway = fakeGateway().stream();
    const { events } = connect(gateway);
    await flush();
    gateway.lastStream.send('summary', { count: 1 }, 'c7');
    gateway.lastStream.push('id: c8\nevent: resync\ndata: {}\n\nevent: summary\ndata: {"count":9}\n\n');
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(streamRequests(gateway)).toHaveLength(2);
    expect(streamRequests(gateway)[1].headers.has('Last-Event-ID')).toBe(false);
    expect(gateway.streams[0].aborted).toBe(true);
    expect(events.map((event) => event.type)).toEqual(['summary', 'resync']);
  });

  test('an event the consumer cannot apply leads to a fresh snapshot rather than a silent gap', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const gateway = fakeGateway().stream();
    connect(gateway, {
      onEvent: (event) => {
        if (event.type === 'status') throw new SyntaxError('bad JSON');
      },
    });
    await flush();
    gateway.lastStream.send('summary', { count: 1 }, 'c1');
    gateway.lastStream.push('id: c2\nevent: status\ndata: {not json\n\n');
    await flush();
    await vi.advanceTimersByTimeAsync(3000);
    expect(streamRequests(gateway)).toHaveLength(2);
    expect(streamRequests(gateway)[1].headers.has('Last-Event-ID')).toBe(false);
  });

  test('a connection silent for three heartbeats is replaced', async () => {
    const gateway = fakeGateway().stream();
    connect(gateway, { idleTimeoutMs: 45000 });
    await flush();
    gateway.lastStream.push(': heartbeat\n\n');
    await flush();
    await vi.advanceTimersByTimeAsync(44999);
    expect(gateway.streams[0].aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1 + 3000);
    expect(gateway.streams[0].aborted).toBe(true);
    expect(streamRequests(gateway)).toHaveLength(2);
  });

  test('a response that is not an event stream is retried like a failure', async () => {
    const gateway = fakeGateway().stream();
    gateway.streamResponses.push(() => new Response('<html>login</html>', { headers: { 'Content-Type': 'text/html' } }));
    const { states } = connect(gateway);
    await flush();
    expect(delays(states)).toEqual([3000]);
  });

  test('stop closes the connection and nothing reconnects', async () => {
    const gateway = fakeGateway().stream();
    const { client } = connect(gateway);
    await flush();
    client.stop();
    await vi.advanceTimersByTimeAsync(10 * MAX_RETRY_MS);
    expect(gateway.streams[0].aborted).toBe(true);
    expect(streamRequests(gateway)).toHaveLength(1);
    expect(client.state.status).toBe('closed');
  });
});
