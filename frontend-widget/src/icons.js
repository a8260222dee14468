/**
 * Status icons as inline SVG: they need no emoji font (a fresh Debian has none, and emoji then render
 * as empty boxes), take the text colour (currentColor) so a theme or forced-colours mode recolours them,
 * and each has a distinct shape, so colour is never the only signal.
 */

const SVG = 'http://www.w3.org/2000/svg';

// 16×16 paths, drawn for fill="currentColor".
const PATHS = {
  success: 'M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0Zm3.7 4.8L6.9 9.6 4.3 7 3 8.3l3.9 3.9 6.1-6.1-1.3-1.3Z',
  failure: 'M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0ZM5.2 3.9 3.9 5.2 6.7 8l-2.8 2.8 1.3 1.3L8 9.3l2.8 2.8 1.3-1.3L9.3 8l2.8-2.8-1.3-1.3L8 6.7 5.2 3.9Z',
  warning: 'M8 .5c.4 0 .7.2.9.5l6.9 12.6c.4.7-.1 1.6-.9 1.6H1.1c-.8 0-1.3-.9-.9-1.6L7.1 1c.2-.3.5-.5.9-.5ZM7 5v5h2V5H7Zm0 6.2v1.9h2v-1.9H7Z',
  progress: 'M3 0h10v2h-1v2.5c0 1.3-.8 2.5-2 3.1v.8c1.2.6 2 1.8 2 3.1V14h1v2H3v-2h1v-2.5c0-1.3.8-2.5 2-3.1v-.8c-1.2-.6-2-1.8-2-3.1V2H3V0Zm3 2v2.5c0 .7.5 1.3 1.2 1.5l.8.2.8-.2c.7-.2 1.2-.8 1.2-1.5V2H6Zm2 8-2 1.5V14h4v-2.5L8 10Z',
  pending: 'M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0Zm0 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2Zm1 2v3.6l2.7 2.7-1.4 1.4L7 8.4V4h2Z',
  info: 'M8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0Zm1 7H7v5h2V7Zm0-3H7v2h2V4Z',
  unknown: 'M8 4a4 4 0 1 1 0 8 4 4 0 0 1 0-8Z',
};

export const ICON_NAMES = Object.freeze(Object.keys(PATHS));

/**
 * An icon element. With a label it is an image with that accessible name (role="img", aria-label);
 * without one it is decoration beside words that already say the same (aria-hidden).
 */
export function icon(name, label) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', `icon icon-${PATHS[name] ? name : 'unknown'}`);
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('fill', 'currentColor');
  svg.setAttribute('focusable', 'false');
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name] ?? PATHS.unknown);
  svg.append(path);
  return svg;
}

/** Sizes icons with the text around them; they take the colour of their context. */
export const iconCss = `
  svg.icon { inline-size: 1em; block-size: 1em; flex: none; vertical-align: -0.125em; }
`;
