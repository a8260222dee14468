/** The widget's CustomEvents bubble and cross shadow boundaries, so a host can listen on any ancestor. */
export function emit(target, type, detail, { cancelable = false } = {}) {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
