import { emit } from './events.js';
import { isDeprovisioning } from './format.js';

/** A second click within this window is the same intent as the first (double clicks, key repeat). */
export const DEBOUNCE_MS = 800;
/** After a 202 the stream normally reports the new attempt within seconds; never lock the button longer. */
export const RUN_START_GRACE_MS = 30000;

export const retryButtonCss = `
  button.retry[aria-disabled="true"] { opacity: .6; cursor: not-allowed; }
  .spinner {
    display: inline-block; inline-size: .9em; block-size: .9em; margin-inline-end: .4em; vertical-align: -.1em;
    border: 2px solid currentColor; border-inline-end-color: transparent; border-radius: 50%;
    animation: spin .8s linear infinite;
  }
  @keyframes spin { to { transform: rotate(1turn); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation-duration: 2.4s; } }
`;

/** Words for a retry that did not start; 409 and 429 are normal situations, not errors to decode. */
export function retryFailureMessage(error) {
  if (error.status === 409) {
    return `Provisioning is already in progress${error.attempt ? ` (attempt ${error.attempt})` : ''}`;
  }
  if (error.status === 429) {
    return error.retryAfterSeconds !== undefined
      ? `Too many retries — try again in ${error.retryAfterSeconds} s`
      : 'Too many retries — try again shortly';
  }
  return `Failed to start provisioning: ${error.detail ?? error.message}`;
}

/**
 * The "Retry Provisioning" button of one application. Busy (spinner, aria-disabled) while the request
 * is in flight, while the application is in progress, and between a 202 and the stream reporting the
 * new attempt. aria-disabled rather than disabled keeps keyboard focus on the button inside the modal.
 * A deleted application's button, given a way to retry deprovisioning (admins), is "Retry
 * Deprovisioning" once deprovisioning failed and busy while it runs; without one it is hidden.
 */
export class RetryButton {
  #retry;
  #retryDeprovisioning;
  #host;
  #toaster;
  #onStarted;
  #app = null;
  #inFlight = false;
  #lastClickAt = -Infinity;
  #startedAttempt = null;
  #graceTimer = null;
  #cooldownUntil = 0;
  #cooldownTimer = null;

  /**
   * @param {{ retry: (applicationId: string) => Promise<{ commandId?: string }>, host: HTMLElement,
   *   toaster: import('./toaster.js').Toaster, onStarted?: (app: object) => void,
   *   retryDeprovisioning?: (applicationId: string) => Promise<object> }} options
   *   host is the element that dispatches the provisioning-retry-* events
   */
  constructor({ retry, host, toaster, onStarted = () => {}, retryDeprovisioning = null }) {
    this.#retry = retry;
    this.#retryDeprovisioning = retryDeprovisioning;
    this.#host = host;
    this.#toaster = toaster;
    this.#onStarted = onStarted;
    this.element = document.createElement('button');
    this.element.type = 'button';
    this.element.className = 'retry';
    this.element.addEventListener('click', () => this.#click());
  }

  update(app) {
    this.#app = app;
    const moved = (app.attempt ?? 0) > this.#startedAttempt || app.status === 'deprovisioning';
    if (this.#startedAttempt !== null && moved) this.#clearStarted();
    this.#render();
  }

  get #deleted() {
    return isDeprovisioning(this.#app?.status);
  }

  get #retryable() {
    if (this.#deleted) return this.#app.status === 'deprovisioning_failed' && this.#retryDeprovisioning !== null;
    return this.#app?.status === 'failed' || this.#app?.status === 'partial';
  }

  get #busy() {
    return this.#inFlight || this.#app?.status === 'in_progress' || this.#app?.status === 'deprovisioning'
      || this.#startedAttempt !== null;
  }

  get #blocked() {
    return this.#busy || !this.#retryable || Date.now() < this.#cooldownUntil;
  }

  async #click() {
    const now = Date.now();
    if (this.#blocked || now - this.#lastClickAt < DEBOUNCE_MS) return;
    this.#lastClickAt = now;
    const app = this.#app;
    const applicationId = app.applicationId;
    if (!emit(this.#host, 'provisioning-retry-requested', { applicationId }, { cancelable: true })) return;
    this.#inFlight = true;
    this.#render();
    try {
      const started = this.#deleted ? await this.#retryDeprovisioning(applicationId) : await this.#retry(applicationId);
      this.#startedAttempt = app.attempt ?? 0;
      this.#graceTimer = setTimeout(() => {
        this.#clearStarted();
        this.#render();
      }, RUN_START_GRACE_MS);
      this.#toaster.show(this.#deleted ? 'Deprovisioning started' : 'Provisioning started', 'info');
      emit(this.#host, 'provisioning-retry-started', { applicationId, commandId: started?.commandId });
      this.#onStarted(app);
    } catch (error) {
      const message = retryFailureMessage(error);
      if (error.status === 429 && error.retryAfterSeconds) this.#coolDown(error.retryAfterSeconds);
      this.#toaster.show(message, error.status === 409 ? 'info' : 'error');
      emit(this.#host, 'provisioning-retry-failed', { applicationId, status: error.status, message });
    } finally {
      this.#inFlight = false;
      this.#render();
    }
  }

  #coolDown(seconds) {
    this.#cooldownUntil = Date.now() + seconds * 1000;
    clearTimeout(this.#cooldownTimer);
    this.#cooldownTimer = setTimeout(() => this.#render(), seconds * 1000);
  }

  #clearStarted() {
    this.#startedAttempt = null;
    clearTimeout(this.#graceTimer);
  }

  #render() {
    const button = this.element;
    button.hidden = this.#app?.status === 'completed' || (this.#deleted && this.#retryDeprovisioning === null);
    button.setAttribute('aria-disabled', String(this.#blocked));
    button.setAttribute('aria-busy', String(this.#busy));
    button.replaceChildren();
    if (this.#busy) {
      const spinner = document.createElement('span');
      spinner.className = 'spinner';
      spinner.setAttribute('aria-hidden', 'true');
      button.append(spinner, 'Retrying…');
    } else {
      button.append(this.#deleted ? 'Retry Deprovisioning' : 'Retry Provisioning');
    }
  }

  /** Stops timers when the button leaves the screen for good. */
  dispose() {
    this.#clearStarted();
    clearTimeout(this.#cooldownTimer);
  }
}
