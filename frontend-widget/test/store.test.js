import { describe, expect, test } from 'vitest';
import { ProvisioningStore } from '../src/store.js';
import { application, issues } from './fixtures.js';

function storeWith(apps) {
  const store = new ProvisioningStore();
  store.apply('snapshot', issues(apps));
  return store;
}

function recordChanges(store) {
  const changes = [];
  store.addEventListener('change', (event) => changes.push(...event.detail.changes));
  return changes;
}

const orders = application({ applicationId: 'orders-api', name: 'orders-api', status: 'failed', version: 2 });
const payments = application();

describe('provisioning store', () => {
  test('a snapshot replaces the whole scope and its count', () => {
    const store = storeWith([orders]);
    store.apply('snapshot', issues([payments]));
    expect(store.applications().map((app) => app.applicationId)).toEqual(['payments-service']);
    expect(store.count).toBe(1);
  });

  test('a snapshot reports what changed against the state held before', () => {
    const store = storeWith([orders, payments]);
    const changes = recordChanges(store);
    store.apply('snapshot', issues([{ ...payments, status: 'failed', version: 5 }]));
    expect(changes.map((c) => [c.applicationId, c.previous?.status ?? null, c.current?.status ?? null])).toEqual([
      ['orders-api', 'failed', null],
      ['payments-service', 'partial', 'failed'],
    ]);
  });

  test('a status event updates one application', () => {
    const store = storeWith([payments]);
    store.apply('status', { applicationId: 'payments-service', application: { ...payments, status: 'in_progress', attempt: 2, version: 5 } });
    expect(store.get('payments-service')).toMatchObject({ status: 'in_progress', attempt: 2 });
  });

  test('a status event with a null application removes it from the scope', () => {
    const store = storeWith([payments, orders]);
    store.apply('status', { applicationId: 'orders-api', application: null });
    expect(store.get('orders-api')).toBeUndefined();
    expect(store.applications()).toHaveLength(1);
  });

  test('a status event for an unknown application adds it', () => {
    const store = storeWith([payments]);
    store.apply('status', { applicationId: 'orders-api', application: orders });
    expect(store.applications().map((app) => app.name)).toEqual(['orders-api', 'payments-service']);
  });

  test('a status event older than the held version is ignored', () => {
    const store = storeWith([payments]);
    const changes = recordChanges(store);
    store.apply('status', { applicationId: 'payments-service', application: { ...payments, status: 'failed', version: 3 } });
    expect(store.get('payments-service').status).toBe('partial');
    expect(changes).toEqual([]);
  });

  test('a summary sets the banner count', () => {
    const store = storeWith([payments]);
    store.apply('summary', { count: 3 });
    expect(store.count).toBe(3);
  });

  test('resync keeps the stale view until the next snapshot replaces it wholesale', () => {
    const store = storeWith([payments, orders]);
    store.apply('resync', {});
    expect(store.applications()).toHaveLength(2);
    store.apply('snapshot', issues([orders]));
    expect(store.applications().map((app) => app.applicationId)).toEqual(['orders-api']);
    expect(store.count).toBe(1);
  });

  test('the one-off list load is ignored once the stream has delivered its snapshot', () => {
    const store = storeWith([payments]);
    store.loadList(issues([payments, orders]));
    expect(store.applications()).toHaveLength(1);
  });

  test('the list load fills the store before the stream delivers', () => {
    const store = new ProvisioningStore();
    store.loadList(issues([payments, orders]));
    expect(store.count).toBe(2);
  });

  test('malformed events are rejected with a reason and change nothing', () => {
    const store = storeWith([payments]);
    expect(() => store.apply('snapshot', { count: 1 })).toThrow('snapshot without an applications list');
    expect(() => store.apply('status', { application: null })).toThrow('applicationId');
    expect(() => store.apply('summary', { count: -1 })).toThrow('count');
    expect(store.applications()).toHaveLength(1);
    expect(store.count).toBe(1);
  });

  test('event types it does not know are ignored', () => {
    const store = storeWith([payments]);
    store.apply('future-event', { anything: true });
    expect(store.count).toBe(1);
  });
});
