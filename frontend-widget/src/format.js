/** Words and icons (names in icons.js) shared by the components: colour is never the only signal. */

const STATUSES = {
  failed: { label: 'Failed', icon: 'failure' },
  partial: { label: 'Partial Failure', icon: 'warning' },
  in_progress: { label: 'In Progress', icon: 'progress' },
  pending: { label: 'Pending', icon: 'pending' },
  completed: { label: 'Completed', icon: 'success' },
  deprovisioning: { label: 'Deprovisioning', icon: 'progress' },
  deprovisioning_failed: { label: 'Deprovisioning Failed', icon: 'failure' },
};

/** A run with attempt > 1 is a retry, which is what the user is waiting for. */
export function statusLabel(status, attempt = 1) {
  if (status === 'in_progress' && attempt > 1) return 'Retrying…';
  return STATUSES[status]?.label ?? String(status ?? 'Unknown');
}

export function statusIcon(status) {
  return STATUSES[status]?.icon ?? 'unknown';
}

const ENVIRONMENTS = {
  succeeded: { icon: 'success', word: 'succeeded', message: 'Provisioned successfully' },
  failed: { icon: 'failure', word: 'failed', message: 'Failed' },
  in_progress: { icon: 'progress', word: 'in progress', message: 'Provisioning' },
  pending: { icon: 'progress', word: 'pending', message: 'Waiting to be provisioned' },
  deprovisioning: { icon: 'progress', word: 'deprovisioning', message: 'Deprovisioning' },
  deprovisioned: { icon: 'success', word: 'deprovisioned', message: 'Deprovisioned' },
};

/** A deleted application whose environments are being, or failed to be, cleaned. */
export function isDeprovisioning(status) {
  return status === 'deprovisioning' || status === 'deprovisioning_failed';
}

/** Icon, the word a screen reader says for it, and the moderate message of one environment. */
export function describeEnvironment(environment) {
  const known = ENVIRONMENTS[environment.status] ?? { icon: 'unknown', word: String(environment.status), message: '' };
  return { icon: known.icon, word: known.word, message: environment.message || known.message };
}

// One format for every point in time an admin reads: date and time in the viewer's locale.
const LOCAL_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The exact instant, in UTC and to the second: "2026-11-27 09:00:00 UTC". */
export function utcText(at) {
  return `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * A <time> element: the instant in the viewer's locale, its exact UTC time on hover (title) and in
 * `datetime`. Empty text for a time that cannot be read.
 */
export function timeElement(at) {
  const time = document.createElement('time');
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return time;
  time.dateTime = instant.toISOString();
  time.title = utcText(instant);
  time.textContent = LOCAL_TIME.format(instant);
  return time;
}

export function timeAgo(at, now = Date.now()) {
  const then = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(then)) return '';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} d ago`;
}

export const STOPPED_MESSAGES = {
  unauthorized: 'Session expired — sign in again',
  forbidden: 'Not allowed',
};

/** How fresh the shown data is, from the stream client's state. */
export function freshnessText(stream, now = Date.now()) {
  if (STOPPED_MESSAGES[stream.status]) return STOPPED_MESSAGES[stream.status];
  if (stream.status === 'reconnecting') return 'reconnecting…';
  if (stream.status === 'open' && stream.lastActivityAt) return `updated ${timeAgo(stream.lastActivityAt, now)}`;
  if (stream.status === 'closed') return '';
  return 'connecting…';
}
