const FINISHED = new Set(['completed', 'failed', 'partial']);

/**
 * Follows the runs that this widget started, and tells the user how each one ended once the stream
 * reports it: a newer attempt in a finished status, or the application leaving the issues list.
 */
export class RunWatcher {
  #runs = new Map(); // applicationId → attempt when the retry was accepted
  #api;
  #toaster;
  #onSettled;

  /** @param {{ api, toaster, onSettled?: (app) => void }} options onSettled gets an application that left the list */
  constructor({ api, toaster, onSettled = () => {} }) {
    this.#api = api;
    this.#toaster = toaster;
    this.#onSettled = onSettled;
  }

  started(app) {
    this.#runs.set(app.applicationId, app.attempt ?? 0);
  }

  /** @param {{ applicationId, current }} change one entry of the store's change event */
  async observe({ applicationId, current }) {
    if (!this.#runs.has(applicationId)) return;
    if (current) {
      if ((current.attempt ?? 0) > this.#runs.get(applicationId) && FINISHED.has(current.status)) {
        this.#runs.delete(applicationId);
        this.#announce(current);
      }
      return;
    }
    // Leaving a scope means completed or deleted; only the application itself can tell which.
    this.#runs.delete(applicationId);
    try {
      const app = await this.#api.application(applicationId);
      this.#onSettled(app);
      if (FINISHED.has(app.status)) this.#announce(app);
    } catch {
      // Deleted, or no longer visible to this user: there is no run left to report on.
    }
  }

  #announce(app) {
    const name = app.name ?? app.applicationId;
    if (app.status === 'completed') {
      this.#toaster.show(`${name}: provisioning completed`, 'success');
      return;
    }
    const outcome = app.status === 'partial' ? 'partly failed' : 'failed';
    this.#toaster.show(`${name}: provisioning ${outcome}${app.error ? ` — ${app.error}` : ''}`, 'error');
  }
}
