import { describe, expect, test } from 'vitest';
import { createEventStreamParser } from '../src/sse-client.js';

function parse(chunks, options = {}) {
  const events = [];
  const comments = [];
  const retries = [];
  const parser = createEventStreamParser({
    onEvent: (event) => events.push(event),
    onComment: (comment) => comments.push(comment),
    onRetry: (ms) => retries.push(ms),
    ...options,
  });
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments, retries };
}

describe('text/event-stream parser', () => {
  test('dispatches a typed event with its data and id on a blank line', () => {
    const { events } = parse(['id: 7\nevent: summary\ndata: {"count":2}\n\n']);
    expect(events).toEqual([{ type: 'summary', data: '{"count":2}', id: '7' }]);
  });

  test('reassembles lines split across chunks, even mid-field-name', () => {
    const { events } = parse(['ev', 'ent: stat', 'us\nda', 'ta: {"applicationId":', '"a"}\n', '\n']);
    expect(events).toEqual([{ type: 'status', data: '{"applicationId":"a"}', id: '' }]);
  });

  test('accepts CRLF and lone CR line endings', () => {
    const { events } = parse(['event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r']);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  test('treats a CRLF split between chunks as one line ending, not an extra blank line', () => {
    const { events } = parse(['data: one\r', '\ndata: two\r', '\n\r', '\n']);
    expect(events).toEqual([{ type: 'message', data: 'one\ntwo', id: '' }]);
  });

  test('a CR ending a chunk ends the line at once, without waiting for the next chunk', () => {
    const { events } = parse(['data: x\r\r']);
    expect(events).toHaveLength(1);
  });

  test('joins multi-line data with LF', () => {
    const { events } = parse(['data: first\ndata: second\ndata:\ndata:  indented\n\n']);
    expect(events[0].data).toBe('first\nsecond\n\n indented');
  });

  test('reports comments (heartbeats) without dispatching events', () => {
    const { events, comments } = parse([': heartbeat\n\n:\n\n']);
    expect(events).toEqual([]);
    expect(comments).toEqual(['heartbeat', '']);
  });

  test('keeps the last event id for later events and ignores ids containing NUL', () => {
    const { events } = parse(['id: 41\ndata: a\n\ndata: b\n\nid: bad\0id\ndata: c\n\nid\ndata: d\n\n']);
    expect(events.map((event) => event.id)).toEqual(['41', '41', '41', '']);
  });

  test('starts from a given last event id, as a reconnection does', () => {
    const { events } = parse(['data: a\n\n'], { lastEventId: 'c-9' });
    expect(events[0].id).toBe('c-9');
  });

  test('reads retry only when it is all digits', () => {
    const { retries } = parse(['retry: 3000\nretry: soon\nretry: 12x\nretry:250\n']);
    expect(retries).toEqual([3000, 250]);
  });

  test('an event without data is not dispatched and its type does not leak into the next', () => {
    const { events } = parse(['event: summary\n\ndata: plain\n\n']);
    expect(events).toEqual([{ type: 'message', data: 'plain', id: '' }]);
  });

  test('a field without a colon has an empty value; unknown fields are ignored', () => {
    const { events } = parse(['data\nfoo: bar\n\n']);
    expect(events).toEqual([{ type: 'message', data: '', id: '' }]);
  });

  test('does not dispatch an event the stream has not finished yet', () => {
    const { events } = parse(['event: snapshot\ndata: {}\n']);
    expect(events).toEqual([]);
  });

  test('only the first space after the colon is dropped', () => {
    const { events } = parse(['event:status\ndata:   spaced  \n\n']);
    expect(events[0]).toMatchObject({ type: 'status', data: '  spaced  ' });
  });
});
