import { environmentCss, environmentItem } from './details-modal.js';
import { STOPPED_MESSAGES, timeAgo, timeElement } from './format.js';
import { baseCss, LiveElement } from './live-element.js';
import { RetryButton, retryButtonCss, retryFailureMessage } from './retry-button.js';
import { toasterCss } from './toaster.js';

/** Admins see every application that is not completed. */
const STATUSES = ['failed', 'partial', 'in_progress', 'pending', 'deprovisioning', 'deprovisioning_failed'];
const FILTER_LABELS = {
  '': 'All',
  failed: 'Failed',
  partial: 'Partial',
  in_progress: 'In Progress',
  pending: 'Pending',
  deprovisioning: 'Deprovisioning',
  deprovisioning_failed: 'Deprovisioning Failed',
};

const css = `
  .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; margin-block-end: 1rem; }
  .toolbar select { font: inherit; padding: .3rem .5rem; margin-inline-start: .35rem; }
  .notice, .empty { margin: 0 0 1rem; padding: .5rem 1rem; border-radius: .5rem; background: #f1f1f1; }
  .apps { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: .75rem; }
  /* min-inline-size 0: a long unbroken line (a stack frame) must not widen the grid past its container. */
  .app { border: 1px solid #cbd2d9; border-radius: .5rem; padding: .75rem 1rem; min-inline-size: 0; }
  .app .heading { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; }
  .app h3 { margin: 0; font-size: 1rem; flex: 1; }
  .app .workspace { font-weight: 400; color: #52606d; }
  .app .meta { margin: .35rem 0 0; color: #52606d; font-size: .85rem; }
  .app .last-error { margin: .35rem 0 0; overflow-wrap: anywhere; }
  .detail { margin-block-start: .75rem; border-block-start: 1px solid #e4e7eb; padding-block-start: .75rem; }
  .detail dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .75rem; margin: 0 0 .75rem; }
  .detail dt { font-weight: 600; }
  .detail dd { margin: 0; overflow-wrap: anywhere; }
  code.workflow { user-select: all; }
  pre {
    margin: .35rem 0; padding: .5rem; background: #f5f7fa; border-radius: .375rem; overflow: auto; max-block-size: 16rem;
    font-size: .8rem; white-space: pre-wrap; word-break: break-all; tab-size: 2;
  }
  ul.envs { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: .5rem; }
  .env-name { font-weight: 600; }
  ol.history { margin: .25rem 0 0; font-size: .85rem; color: #52606d; }
  .actions { margin-block-start: .75rem; }
`;

/**
 * <provisioning-admin-tab api-base token-provider>: the platform admins' "Provisioning" tab — every
 * application that is not completed, full error detail, filter, refresh, retry and "Retry All Failed".
 */
export class ProvisioningAdminTab extends LiveElement {
  #filter;
  #list;
  #empty;
  #notice;
  #freshness;
  #retryAll;
  #cards = new Map();
  #bulkInFlight = false;

  constructor() {
    super();
    this.shadowRoot.innerHTML = `
      <style>${baseCss}${environmentCss}${css}${retryButtonCss}${toasterCss}</style>
      <div class="toolbar">
        <label>Filter:<select class="filter">${Object.entries(FILTER_LABELS)
          .map(([value, label]) => `<option value="${value}">${label}</option>`)
          .join('')}</select></label>
        <button type="button" class="refresh">Refresh</button>
        <button type="button" class="retry-all">Retry All Failed</button>
        <span class="freshness"></span>
      </div>
      <p class="notice" role="status" hidden></p>
      <p class="empty" hidden>No applications with provisioning issues.</p>
      <ul class="apps" aria-label="Applications with provisioning issues"></ul>`;
    const root = this.shadowRoot;
    this.#filter = root.querySelector('.filter');
    this.#list = root.querySelector('.apps');
    this.#empty = root.querySelector('.empty');
    this.#notice = root.querySelector('.notice');
    this.#freshness = root.querySelector('.freshness');
    this.#retryAll = root.querySelector('.retry-all');
    this.#filter.addEventListener('change', () => this.render());
    root.querySelector('.refresh').addEventListener('click', () => this.restart());
    this.#retryAll.addEventListener('click', () => this.#retryAllFailed());
    root.append(this.toaster.element);
  }

  scope(api) {
    return { list: () => api.adminIssues(STATUSES), streamUrl: api.adminStreamUrl() };
  }

  render() {
    const stopped = STOPPED_MESSAGES[this.stream.status];
    this.#notice.hidden = !stopped;
    this.#notice.textContent = stopped ? `Provisioning status: ${stopped}` : '';
    const filter = this.#filter.value;
    const apps = this.store.applications().filter((app) => !filter || app.status === filter);
    for (const [id, card] of this.#cards) {
      if (apps.some((app) => app.applicationId === id)) continue;
      card.retry.dispose();
      card.element.remove();
      this.#cards.delete(id);
    }
    // Cards out of place are the only ones moved: moving the focused one would drop keyboard focus.
    let cursor = this.#list.firstElementChild;
    for (const app of apps) {
      const element = this.#renderCard(app);
      if (element === cursor) cursor = cursor.nextElementSibling;
      else this.#list.insertBefore(element, cursor);
    }
    this.#empty.hidden = apps.length > 0 || Boolean(stopped);
    this.#retryAll.setAttribute('aria-disabled', String(this.#bulkInFlight));
    this.renderFreshness();
  }

  renderFreshness() {
    this.#freshness.textContent = this.freshness();
    for (const [id, card] of this.#cards) {
      const app = this.store.get(id);
      if (app) card.age.textContent = timeAgo(app.lastAttemptAt ?? app.updatedAt);
    }
  }

  #renderCard(app) {
    let card = this.#cards.get(app.applicationId);
    if (!card) {
      card = this.#createCard();
      this.#cards.set(app.applicationId, card);
    }
    card.element.dataset.applicationId = app.applicationId;
    card.element.setAttribute('aria-label', app.name ?? app.applicationId);
    card.name.textContent = app.name ?? app.applicationId;
    card.workspace.textContent = ` (${app.workspaceName ?? app.workspaceId})`;
    card.badge.setAttribute('status', app.status);
    card.badge.setAttribute('attempt', String(app.attempt ?? 1));
    card.workflowSummary.textContent = app.workflowId ?? '—';
    card.age.textContent = timeAgo(app.lastAttemptAt ?? app.updatedAt);
    card.lastError.hidden = !app.error;
    card.lastError.textContent = app.error ? `Last error: ${app.error}` : '';
    card.workflowId.textContent = app.workflowId ?? '—';
    if (app.lastAttemptAt) card.lastAttempt.replaceChildren(timeElement(app.lastAttemptAt), ` (attempt ${app.attempt})`);
    else card.lastAttempt.textContent = '—';
    card.error.textContent = app.error ?? '—';
    card.environments.replaceChildren(...(app.environments ?? []).map(detailedEnvironment));
    card.retry.update(app);
    return card.element;
  }

  #createCard() {
    const element = document.createElement('li');
    element.className = 'app';
    element.innerHTML = `
      <div class="heading">
        <h3><span class="name"></span><span class="workspace"></span></h3>
        <provisioning-status-badge></provisioning-status-badge>
        <button type="button" class="toggle" aria-expanded="false">Details</button>
      </div>
      <p class="meta">Workflow: <span class="workflow-summary"></span> | <span class="age"></span></p>
      <p class="last-error"></p>
      <div class="detail" hidden>
        <dl>
          <dt>Workflow ID</dt><dd><code class="workflow"></code> <button type="button" class="copy">Copy</button></dd>
          <dt>Last attempt</dt><dd class="last-attempt"></dd>
          <dt>Error</dt><dd class="error"></dd>
        </dl>
        <ul class="envs"></ul>
        <div class="actions"></div>
      </div>`;
    const detail = element.querySelector('.detail');
    const toggle = element.querySelector('.toggle');
    toggle.addEventListener('click', () => {
      detail.hidden = !detail.hidden;
      toggle.setAttribute('aria-expanded', String(!detail.hidden));
      toggle.textContent = detail.hidden ? 'Details' : 'Hide details';
    });
    const workflowId = element.querySelector('code.workflow');
    element.querySelector('.copy').addEventListener('click', () => this.#copy(workflowId.textContent));
    const retry = new RetryButton({
      retry: (id) => this.api.retry(id),
      retryDeprovisioning: (id) => this.api.deleteApplication(id),
      host: this,
      toaster: this.toaster,
      onStarted: (app) => this.watcher.started(app),
    });
    element.querySelector('.actions').append(retry.element);
    return {
      element,
      retry,
      workflowId,
      name: element.querySelector('.name'),
      workspace: element.querySelector('.workspace'),
      badge: element.querySelector('provisioning-status-badge'),
      workflowSummary: element.querySelector('.workflow-summary'),
      age: element.querySelector('.age'),
      lastError: element.querySelector('.last-error'),
      lastAttempt: element.querySelector('.last-attempt'),
      error: element.querySelector('.error'),
      environments: element.querySelector('.envs'),
    };
  }

  async #copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      this.toaster.show('Workflow ID copied', 'success');
    } catch {
      // The clipboard API needs a secure context and permission; the id stays selectable by hand.
      this.toaster.show('Could not copy — select the workflow ID and copy it by hand', 'error');
    }
  }

  async #retryAllFailed() {
    if (this.#bulkInFlight) return;
    this.#bulkInFlight = true;
    this.render();
    try {
      const result = await this.api.retryAllFailed();
      const queued = Array.isArray(result?.queued) ? result.queued.length : 0;
      const skipped = Array.isArray(result?.skipped) ? result.skipped.length : 0;
      const started = `Provisioning started for ${queued} failed application${queued === 1 ? '' : 's'}`;
      this.toaster.show(skipped ? `${started}; ${skipped} skipped` : started, 'info');
    } catch (error) {
      this.toaster.show(retryFailureMessage(error), error.status === 409 ? 'info' : 'error');
    } finally {
      this.#bulkInFlight = false;
      this.render();
    }
  }
}

/** Admin detail of one environment: the moderate line, then full error text and earlier attempts. */
function detailedEnvironment(environment) {
  const item = environmentItem(environment);
  if (environment.reason) item.querySelector('.env-message').textContent += ` (${environment.reason})`;
  if (environment.errorDetail) {
    const pre = document.createElement('pre');
    pre.textContent = environment.errorDetail;
    item.append(pre);
  }
  if (environment.history?.length) {
    const history = document.createElement('ol');
    history.className = 'history';
    history.setAttribute('aria-label', `Earlier attempts in ${environment.environment}`);
    for (const attempt of environment.history) {
      const entry = document.createElement('li');
      entry.textContent = `attempt ${attempt.attempt}: ${attempt.status}${attempt.message ? ` — ${attempt.message}` : ''}`;
      if (attempt.at) entry.append(' (', timeElement(attempt.at), ')');
      history.append(entry);
    }
    item.append(history);
  }
  return item;
}
