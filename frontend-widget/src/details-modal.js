import { describeEnvironment } from './format.js';
import { icon as iconElement } from './icons.js';

const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** An environment line's icon: coloured by outcome, its shape and name saying the same. */
export const environmentCss = `
  li.env > svg.icon { margin-inline-end: .35em; }
  li.env.succeeded > svg.icon { color: #1e6b34; }
  li.env.failed > svg.icon { color: #b42318; }
  li.env.in_progress > svg.icon, li.env.pending > svg.icon { color: #1a4fa0; }
  @media (forced-colors: active) { li.env > svg.icon { color: CanvasText; } }
`;

export const detailsModalCss = `${environmentCss}
  .overlay {
    position: fixed; inset: 0; z-index: 2147483646; display: grid; place-items: center;
    background: rgb(0 0 0 / .45); padding: 1rem;
  }
  .overlay[hidden] { display: none; }
  .dialog {
    background: #fff; color: #1f2933; border-radius: .75rem; box-shadow: 0 12px 40px rgb(0 0 0 / .3);
    inline-size: min(40rem, 100%); max-block-size: calc(100vh - 2rem); overflow: auto;
  }
  .dialog:focus { outline: none; }
  .dialog header {
    display: flex; align-items: baseline; gap: .75rem; padding: 1rem 1.25rem; border-block-end: 1px solid #e4e7eb;
    position: sticky; inset-block-start: 0; background: inherit;
  }
  .dialog h2 { margin: 0; font-size: 1.15rem; flex: 1; }
  .dialog .freshness { color: #52606d; font-size: .85rem; }
  .dialog .close { font-size: 1.4rem; line-height: 1; background: none; border: 0; cursor: pointer; padding: .1rem .4rem; }
  .apps { padding: 0 1.25rem 1rem; }
  .empty { padding: 1rem 1.25rem; margin: 0; }
  section.app { padding-block: 1rem; border-block-end: 1px solid #e4e7eb; }
  section.app:last-child { border-block-end: 0; }
  section.app h3 { margin: 0 0 .35rem; font-size: 1rem; }
  section.app h4 { margin: .75rem 0 .35rem; font-size: .9rem; font-weight: 600; }
  section.app p { margin: 0; }
  ul.envs { list-style: none; margin: 0; padding: 0; display: grid; gap: .25rem; }
  .env-name { font-weight: 600; }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-block-start: 1rem; align-items: center; }
`;

/** One environment line, e.g. "(failed icon) stage: Connection refused"; the icon's accessible name says it in words. */
export function environmentItem(environment) {
  const { icon, word, message } = describeEnvironment(environment);
  const item = document.createElement('li');
  item.className = `env ${environment.status}`;
  const symbol = iconElement(icon, word);
  const name = document.createElement('span');
  name.className = 'env-name';
  name.textContent = environment.environment;
  const text = document.createElement('span');
  text.className = 'env-message';
  text.textContent = message;
  item.append(symbol, name, ': ', text);
  return item;
}

/**
 * The "Provisioning Issues" dialog: role=dialog + aria-modal, focus kept inside while open, Escape
 * closes, focus goes back to what opened it. Sections are keyed by application and updated in place,
 * so a live update never steals focus from the button the user is on.
 */
export class DetailsModal {
  #sections = new Map();
  #createRetryButton;
  #onClose;
  #dialog;
  #apps;
  #empty;
  #freshness;
  #opener = null;

  /** @param {{ createRetryButton: () => import('./retry-button.js').RetryButton, onClose?: () => void }} options */
  constructor({ createRetryButton, onClose = () => {} }) {
    this.#createRetryButton = createRetryButton;
    this.#onClose = onClose;
    this.element = document.createElement('div');
    this.element.className = 'overlay';
    this.element.hidden = true;
    this.element.innerHTML = `
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="provisioning-dialog-title" tabindex="-1">
        <header>
          <h2 id="provisioning-dialog-title">Provisioning Issues</h2>
          <span class="freshness"></span>
          <button type="button" class="close" aria-label="Close">×</button>
        </header>
        <p class="empty" hidden>No applications have provisioning issues.</p>
        <div class="apps"></div>
      </div>`;
    this.#dialog = this.element.querySelector('.dialog');
    this.#apps = this.element.querySelector('.apps');
    this.#empty = this.element.querySelector('.empty');
    this.#freshness = this.element.querySelector('.freshness');
    this.element.querySelector('.close').addEventListener('click', () => this.close());
    this.element.addEventListener('keydown', (event) => this.#onKeydown(event));
    this.element.addEventListener('click', (event) => {
      if (event.target === this.element) this.close();
    });
  }

  get isOpen() {
    return !this.element.hidden;
  }

  /** The dialog itself, for content (such as toasts) that must sit inside the modal while it is open. */
  get dialog() {
    return this.#dialog;
  }

  open(opener) {
    this.#opener = opener ?? null;
    this.element.hidden = false;
    this.#dialog.focus();
  }

  close() {
    if (!this.isOpen) return;
    this.element.hidden = true;
    const opener = this.#opener;
    this.#opener = null;
    this.#onClose();
    if (opener?.isConnected && !opener.closest('[hidden]')) opener.focus();
  }

  setFreshness(text) {
    this.#freshness.textContent = text;
  }

  /** @param {object[]} apps applications in display order @param {string|null} supportHref */
  update(apps, supportHref) {
    const ids = new Set(apps.map((app) => app.applicationId));
    for (const [id, section] of this.#sections) {
      if (ids.has(id)) continue;
      if (section.element.contains(this.#activeElement())) this.#dialog.focus();
      section.retry.dispose();
      section.element.remove();
      this.#sections.delete(id);
    }
    // Only nodes out of place are moved: moving the focused button would drop keyboard focus.
    let cursor = this.#apps.firstElementChild;
    for (const app of apps) {
      const element = this.#render(app, supportHref);
      if (element === cursor) cursor = cursor.nextElementSibling;
      else this.#apps.insertBefore(element, cursor);
    }
    this.#empty.hidden = apps.length > 0;
  }

  #render(app, supportHref) {
    let section = this.#sections.get(app.applicationId);
    if (!section) {
      section = this.#createSection();
      this.#sections.set(app.applicationId, section);
    }
    section.element.dataset.applicationId = app.applicationId;
    section.element.setAttribute('aria-label', app.name ?? app.applicationId);
    section.name.textContent = app.name ?? app.applicationId;
    section.badge.setAttribute('status', app.status);
    section.badge.setAttribute('attempt', String(app.attempt ?? 1));
    section.envs.replaceChildren(...(app.environments ?? []).map(environmentItem));
    section.retry.update(app);
    section.support.hidden = !supportHref;
    if (supportHref) section.support.href = supportHref;
    return section.element;
  }

  #createSection() {
    const element = document.createElement('section');
    element.className = 'app';
    element.innerHTML = `
      <h3 class="name"></h3>
      <p>Status: <provisioning-status-badge></provisioning-status-badge></p>
      <h4>Environment Status:</h4>
      <ul class="envs"></ul>
      <div class="actions"><a class="support">Contact Support</a></div>`;
    const retry = this.#createRetryButton();
    const actions = element.querySelector('.actions');
    actions.prepend(retry.element);
    return {
      element,
      retry,
      name: element.querySelector('.name'),
      badge: element.querySelector('provisioning-status-badge'),
      envs: element.querySelector('.envs'),
      support: element.querySelector('.support'),
    };
  }

  #activeElement() {
    return this.element.getRootNode().activeElement;
  }

  #onKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusables = [...this.#dialog.querySelectorAll(FOCUSABLE)].filter(
      (element) => !element.disabled && !element.closest('[hidden]'),
    );
    const active = this.#activeElement();
    const first = focusables[0];
    const last = focusables.at(-1);
    const outside = !focusables.includes(active);
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first?.focus();
    }
  }
}
