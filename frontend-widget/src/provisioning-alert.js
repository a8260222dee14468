import { DetailsModal, detailsModalCss } from './details-modal.js';
import { STOPPED_MESSAGES } from './format.js';
import { icon } from './icons.js';
import { baseCss, LiveElement } from './live-element.js';
import { RetryButton, retryButtonCss } from './retry-button.js';
import { toasterCss } from './toaster.js';

const css = `
  .banner {
    display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; padding: .75rem 1rem;
    border: 1px solid #f0b429; border-inline-start-width: .35rem; border-radius: .5rem;
    background: #fff8e1; color: #5c3c00;
  }
  /* The words keep a readable width: in a narrow column the buttons move below them, not the reverse. */
  .banner .text {
    flex: 1 1 14rem; margin: 0; display: flex; flex-wrap: wrap; align-items: baseline; gap: .15rem .75rem;
  }
  .banner .message { font-weight: 600; display: inline-flex; align-items: baseline; gap: .4rem; }
  .banner .message svg.icon { align-self: center; color: #b45309; }
  @media (forced-colors: active) { .banner .message svg.icon { color: CanvasText; } }
  .banner .dismiss { border: 0; background: none; font-size: 1.3rem; line-height: 1; padding: .1rem .4rem; color: inherit; }
  .notice { margin: 0; padding: .5rem 1rem; border-radius: .5rem; background: #f1f1f1; color: #3d3d3d; }
`;

function issuesText(count) {
  return count === 1 ? '1 application has provisioning issues' : `${count} applications have provisioning issues`;
}

/**
 * <provisioning-alert api-base workspace support-href token-provider>: the workspace banner
 * (a warning icon and "N applications have provisioning issues") and its details modal with retry.
 */
export class ProvisioningAlert extends LiveElement {
  static observedAttributes = [...LiveElement.observedAttributes, 'workspace', 'support-href'];
  static restartAttributes = [...LiveElement.restartAttributes, 'workspace'];

  #banner;
  #count;
  #freshness;
  #notice;
  #modal;
  // Applications retried from the open modal that have since left the list (completed): shown until it closes.
  #settled = new Map();
  // Used only where sessionStorage is unavailable (some private modes throw on access).
  #dismissedInMemory = null;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `
      <style>${baseCss}${css}${detailsModalCss}${retryButtonCss}${toasterCss}</style>
      <div class="banner" hidden>
        <p class="text">
          <span class="message"><span class="count"></span></span>
          <span class="freshness"></span>
        </p>
        <button type="button" class="details" aria-haspopup="dialog">View Details</button>
        <button type="button" class="dismiss" aria-label="Dismiss for this session">×</button>
      </div>
      <p class="notice" role="status" hidden></p>`;
    const root = this.shadowRoot;
    this.#banner = root.querySelector('.banner');
    this.#count = root.querySelector('.count');
    // Decorative: the words beside it say there are issues.
    this.#count.before(icon('warning'));
    this.#freshness = root.querySelector('.banner .freshness');
    this.#notice = root.querySelector('.notice');
    this.#modal = new DetailsModal({
      createRetryButton: () =>
        new RetryButton({
          retry: (id) => this.api.retry(id),
          host: this,
          toaster: this.toaster,
          onStarted: (app) => this.watcher.started(app),
        }),
      onClose: () => {
        this.#settled.clear();
        // Back outside the dialog: toasts must stay visible and announced once it is closed.
        root.append(this.toaster.element);
        this.render();
      },
    });
    root.append(this.#modal.element, this.toaster.element);
    const details = root.querySelector('.details');
    details.addEventListener('click', () => this.openDetails(details));
    root.querySelector('.dismiss').addEventListener('click', () => this.#dismiss());
  }

  /** Opens the details modal; focus returns to `opener` (default: the View Details button) on close. */
  openDetails(opener = this.shadowRoot.querySelector('.details')) {
    // Screen readers may ignore live regions outside an aria-modal dialog, so toasts move inside it.
    this.#modal.dialog.append(this.toaster.element);
    this.#modal.open(opener);
    this.render();
  }

  closeDetails() {
    this.#modal.close();
  }

  scope(api) {
    const workspace = this.getAttribute('workspace');
    if (!workspace) return null;
    return { list: () => api.workspaceIssues(workspace), streamUrl: api.workspaceStreamUrl(workspace) };
  }

  render() {
    const count = this.store.count;
    const stopped = STOPPED_MESSAGES[this.stream.status];
    this.#notice.hidden = !stopped;
    this.#notice.textContent = stopped ? `Provisioning status: ${stopped}` : '';
    this.#banner.hidden = Boolean(stopped) || count === 0 || this.#isDismissed(count);
    this.#count.textContent = issuesText(count);
    if (this.#modal.isOpen) this.#modal.update(this.#modalApplications(), this.getAttribute('support-href'));
    this.renderFreshness();
  }

  renderFreshness() {
    const text = this.freshness();
    this.#freshness.textContent = text;
    this.#modal.setFreshness(text);
  }

  onSettled(app) {
    if (!this.#modal.isOpen || this.store.get(app.applicationId)) return;
    this.#settled.set(app.applicationId, app);
    this.render();
  }

  #modalApplications() {
    const listed = this.store.applications();
    const settled = [...this.#settled.values()].filter((app) => !this.store.get(app.applicationId));
    return [...listed, ...settled].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
  }

  get #dismissKey() {
    return `provisioning-alert:dismissed:${this.getAttribute('workspace') ?? ''}`;
  }

  // The count at dismissal is kept: a later, higher count means new failures, which show the banner again.
  #isDismissed(count) {
    let dismissedAt = this.#dismissedInMemory;
    try {
      const stored = sessionStorage.getItem(this.#dismissKey);
      if (stored !== null) dismissedAt = Number(stored);
    } catch {
      // Storage unavailable: the in-memory value is all there is.
    }
    return dismissedAt !== null && count <= dismissedAt;
  }

  #dismiss() {
    const count = this.store.count;
    this.#dismissedInMemory = count;
    try {
      sessionStorage.setItem(this.#dismissKey, String(count));
    } catch {
      // Storage unavailable: dismissed for this page only.
    }
    this.render();
  }
}
