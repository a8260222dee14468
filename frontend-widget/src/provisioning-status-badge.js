import { statusIcon, statusLabel } from './format.js';
import { icon, iconCss } from './icons.js';

const css = `${iconCss}
  :host { display: inline-block; }
  span.badge {
    display: inline-flex; align-items: center; gap: .35em;
    padding: .1em .6em; border-radius: 999px; border: 1px solid currentColor;
    font: inherit; font-size: .85em; font-weight: 600; line-height: 1.6; white-space: nowrap;
    color: #3d3d3d; background: #f1f1f1;
  }
  .badge.failed { color: #9b1c1c; background: #fde8e8; }
  .badge.partial { color: #7a4100; background: #fff4e5; }
  .badge.in_progress { color: #1a4fa0; background: #e8f0fe; }
  .badge.completed { color: #1e6b34; background: #e6f4ea; }
  @media (forced-colors: active) { span.badge { border-color: CanvasText; } }
`;

/**
 * <provisioning-status-badge status="partial" attempt="2">: icon + words + colour, so the status
 * survives colour blindness, high-contrast modes and screen readers.
 */
export class ProvisioningStatusBadge extends HTMLElement {
  static observedAttributes = ['status', 'attempt'];

  #badge;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${css}</style><span class="badge"><span class="label"></span></span>`;
    this.#badge = root.querySelector('.badge');
    this.#render();
  }

  attributeChangedCallback() {
    this.#render();
  }

  #render() {
    const status = this.getAttribute('status') ?? '';
    this.#badge.className = `badge ${status}`;
    // Decorative: the label beside it says the same in words.
    this.#badge.querySelector('svg.icon')?.remove();
    this.#badge.prepend(icon(statusIcon(status)));
    this.#badge.querySelector('.label').textContent = statusLabel(status, Number(this.getAttribute('attempt') ?? 1));
  }
}
