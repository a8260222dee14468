import { icon } from './icons.js';

// Icon and its accessible name per kind: a screen reader says "Error" before the message.
const ICONS = { info: ['info', 'Information'], success: ['success', 'Success'], error: ['failure', 'Error'] };
// Errors stay longer: they carry a reason the user may need to read twice.
const DURATION_MS = { info: 5000, success: 6000, error: 10000 };

export const toasterCss = `
  .toasts {
    position: fixed; inset-block-end: 1rem; inset-inline-end: 1rem; z-index: 2147483647;
    display: flex; flex-direction: column; gap: .5rem; max-inline-size: min(28rem, calc(100vw - 2rem));
  }
  .toast {
    display: flex; align-items: flex-start; gap: .5rem; padding: .75rem 1rem; border-radius: .5rem;
    background: #1f2933; color: #fff; box-shadow: 0 4px 16px rgb(0 0 0 / .25);
  }
  .toast.error { background: #9b1c1c; }
  .toast.success { background: #1e6b34; }
  .toast .message { flex: 1; }
  .toast svg.icon { margin-block-start: .2em; }
  .toast button { background: none; border: 0; color: inherit; font: inherit; cursor: pointer; padding: 0 .25rem; }
`;

/** Transient notifications in a live region, so screen readers announce them too. */
export class Toaster {
  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'toasts';
    this.element.setAttribute('aria-live', 'polite');
  }

  /** @param {'info'|'success'|'error'} kind */
  show(message, kind = 'info') {
    const toast = document.createElement('div');
    toast.className = `toast ${kind}`;
    if (kind === 'error') toast.setAttribute('role', 'alert');
    const symbol = icon(...ICONS[kind]);
    const text = document.createElement('span');
    text.className = 'message';
    text.textContent = message;
    const close = document.createElement('button');
    close.type = 'button';
    close.setAttribute('aria-label', 'Dismiss notification');
    close.textContent = '×';
    const timer = setTimeout(() => toast.remove(), DURATION_MS[kind]);
    close.addEventListener('click', () => {
      clearTimeout(timer);
      toast.remove();
    });
    toast.append(symbol, text, close);
    this.element.append(toast);
  }
}
