/** The SSE event types of the contract; anything else on the stream is for newer widgets. */
export const STREAM_EVENT_TYPES = ['snapshot', 'status', 'summary', 'resync'];

/**
 * In-memory provisioning state of one scope (a workspace, or everything for admins), fed by the
 * stream's snapshot / status / summary / resync events and, before the stream delivers, one list load.
 *
 * Dispatches "change" with detail { type, changes: [{ applicationId, previous, current }] }, one entry
 * per application touched (previous/current are null when absent).
 */
export class ProvisioningStore extends EventTarget {
  #applications = new Map();
  #count = 0;
  #fromStream = false;

  get count() {
    return this.#count;
  }

  get(applicationId) {
    return this.#applications.get(applicationId);
  }

  applications() {
    return [...this.#applications.values()].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  }

  /** The one-off list load; ignored once the stream's own snapshot, which is newer, has arrived. */
  loadList(body) {
    if (!this.#fromStream) this.#replace('list', body);
  }

  apply(type, data) {
    switch (type) {
      case 'snapshot':
        this.#fromStream = true;
        this.#replace(type, data);
        break;
      case 'status':
        this.#applyStatus(data);
        break;
      case 'summary':
        this.#count = requireCount(data);
        this.#emit(type, []);
        break;
      case 'resync':
        // The held state is stale, but it stays on screen until the client's fresh snapshot replaces
        // it wholesale: no flicker to "no issues", and the snapshot's diff reports what really changed.
        this.#emit(type, []);
        break;
      default:
      // Event types added to the contract later are for newer widgets.
    }
  }

  #replace(type, body) {
    if (!body || !Array.isArray(body.applications)) throw new TypeError(`${type} without an applications list`);
    const next = new Map(body.applications.map((app) => [requireId(app.applicationId), app]));
    const changes = [];
    for (const [id, previous] of this.#applications) {
      if (!next.has(id)) changes.push(change(id, previous, null));
    }
    for (const [id, current] of next) changes.push(change(id, this.#applications.get(id) ?? null, current));
    this.#applications = next;
    this.#count = requireCount(body);
    this.#emit(type, changes);
  }

  #applyStatus(data) {
    const id = requireId(data?.applicationId);
    const previous = this.#applications.get(id) ?? null;
    const current = data.application ?? null;
    // The list load and the stream can overlap: a copy older than the one held is stale.
    if (previous && current && current.version <= previous.version) return;
    if (current) this.#applications.set(id, current);
    else this.#applications.delete(id);
    this.#emit('status', [change(id, previous, current)]);
  }

  #emit(type, changes) {
    this.dispatchEvent(new CustomEvent('change', { detail: { type, changes } }));
  }
}

function change(applicationId, previous, current) {
  return { applicationId, previous, current };
}

function requireId(id) {
  if (typeof id !== 'string' || id === '') throw new TypeError('application without an applicationId');
  return id;
}

function requireCount(body) {
  if (!Number.isInteger(body?.count) || body.count < 0) throw new TypeError('count must be a non-negative integer');
  return body.count;
}
