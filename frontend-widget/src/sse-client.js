/**
 * Server-Sent Events over fetch. EventSource cannot send an Authorization header, and a token must
 * never travel in a URL, so the stream is read with fetch and parsed here.
 */

export const DEFAULT_RETRY_MS = 3000;
export const MAX_RETRY_MS = 30000;
// A server asking for "retry: 0" must not turn a flapping stream into a reconnect storm.
export const MIN_RETRY_MS = 250;
// Three missed heartbeats (sent every ~15 s) mean a connection that died without TCP noticing.
export const IDLE_TIMEOUT_MS = 45000;

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Incremental text/event-stream parser following the WHATWG "event stream interpretation" rules.
 * Chunks may split lines (and CRLF pairs) anywhere.
 */
export function createEventStreamParser({ onEvent, onComment = () => {}, onRetry = () => {}, lastEventId = '' }) {
  let pending = '';
  // A chunk ending in CR may be the first half of a CRLF: the LF opening the next chunk is not a blank line.
  let skipLeadingLf = false;
  let eventType = '';
  let data = '';
  let id = lastEventId;

  function dispatch() {
    if (data === '') {
      eventType = '';
      return;
    }
    const event = { type: eventType || 'message', data: data.slice(0, -1), id };
    eventType = '';
    data = '';
    onEvent(event);
  }

  function processLine(line) {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) {
      onComment(line.slice(1).trimStart());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventType = value;
    else if (field === 'data') data += `${value}\n`;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value));
  }

  return {
    push(text) {
      if (skipLeadingLf && text !== '') {
        if (text.startsWith('\n')) text = text.slice(1);
        skipLeadingLf = false;
      }
      pending += text;
      LINE_BREAK.lastIndex = 0;
      let start = 0;
      for (let match = LINE_BREAK.exec(pending); match; match = LINE_BREAK.exec(pending)) {
        processLine(pending.slice(start, match.index));
        start = LINE_BREAK.lastIndex;
      }
      skipLeadingLf = pending.endsWith('\r');
      pending = pending.slice(start);
    },
  };
}

/**
 * Capped exponential backoff with "equal jitter": at least half of the step is kept, so many
 * widgets reconnecting after one outage spread out without retrying too early.
 */
export function backoffDelay(failures, baseMs, maxMs, random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** failures);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Keeps one stream open: reconnects with backoff and Last-Event-ID, stops for good on 401/403.
 * State changes report { status, lastActivityAt, retryInMs } where status is one of
 * connecting | open | reconnecting | unauthorized | forbidden | closed.
 */
export function createSseClient({
  url,
  getHeaders = async () => ({}),
  onEvent,
  onStateChange = () => {},
  fetch: fetchImpl = (...args) => globalThis.fetch(...args),
  random = Math.random,
  maxRetryMs = MAX_RETRY_MS,
  idleTimeoutMs = IDLE_TIMEOUT_MS,
}) {
  let lastEventId = '';
  let retryMs = DEFAULT_RETRY_MS;
  let failures = 0;
  let controller = null;
  let reconnectTimer = null;
  let idleTimer = null;
  let state = { status: 'closed', lastActivityAt: null, retryInMs: null };

  function setState(patch) {
    state = { ...state, ...patch };
    onStateChange(state);
  }

  function touch() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => reconnect(), idleTimeoutMs);
    setState({ lastActivityAt: Date.now() });
  }

  function abortConnection() {
    clearTimeout(idleTimer);
    clearTimeout(reconnectTimer);
    controller?.abort();
    controller = null;
  }

  function reconnect(delay = backoffDelay(failures++, retryMs, maxRetryMs, random)) {
    abortConnection();
    setState({ status: 'reconnecting', retryInMs: delay });
    reconnectTimer = setTimeout(connect, delay);
  }

  function stop(status) {
    abortConnection();
    setState({ status, retryInMs: null });
  }

  function handleEvent(event, signal) {
    // Lines after a resync in the same chunk belong to the connection just dropped.
    if (signal.aborted) return;
    lastEventId = event.id;
    try {
      onEvent(event);
    } catch (error) {
      // State built on an event we could not apply is unreliable: start over from a new snapshot.
      console.warn('provisioning stream: dropped unreadable event, resynchronising', error);
      lastEventId = '';
      reconnect();
      return;
    }
    if (event.type === 'resync') {
      // The server no longer has our cursor: forget it and take a fresh snapshot right away.
      lastEventId = '';
      failures = 0;
      reconnect(0);
    }
  }

  async function connect() {
    const current = new AbortController();
    controller = current;
    const { signal } = current;
    if (state.status !== 'reconnecting') setState({ status: 'connecting' });
    let response;
    try {
      const headers = { Accept: 'text/event-stream', ...(await getHeaders()) };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      if (signal.aborted) return;
      response = await fetchImpl(url, { headers, signal, cache: 'no-store' });
    } catch {
      if (!signal.aborted) reconnect();
      return;
    }
    if (signal.aborted) return;
    if (response.status === 401 || response.status === 403) {
      stop(response.status === 401 ? 'unauthorized' : 'forbidden');
      return;
    }
    const type = response.headers.get('Content-Type') ?? '';
    if (!response.ok || !response.body || !type.startsWith('text/event-stream')) {
      response.body?.cancel().catch(() => {});
      reconnect();
      return;
    }
    failures = 0;
    setState({ status: 'open', retryInMs: null });
    touch();
    const parser = createEventStreamParser({
      lastEventId,
      onEvent: (event) => handleEvent(event, signal),
      onRetry: (ms) => {
        retryMs = Math.max(MIN_RETRY_MS, ms);
      },
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (signal.aborted) return;
        if (done) break;
        touch();
        parser.push(decoder.decode(value, { stream: true }));
        if (signal.aborted) return;
      }
    } catch {
      if (signal.aborted) return;
    }
    reconnect();
  }

  return {
    start() {
      abortConnection();
      failures = 0;
      setState({ status: 'connecting', retryInMs: null });
      connect();
    },
    stop: () => stop('closed'),
    get state() {
      return state;
    },
  };
}
