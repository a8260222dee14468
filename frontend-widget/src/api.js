/** The gateway's HTTP API as the widget uses it. Errors arrive as RFC 9457 problem documents. */

export class ApiError extends Error {
  constructor({ status, title, detail, retryAfterSeconds, attempt }) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
    this.attempt = attempt;
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value, now = Date.now()) {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

async function problemFrom(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // A proxy's HTML error page has no problem body; the status line still says enough.
  }
  return new ApiError({
    status: response.status,
    title: problem.title,
    detail: problem.detail || problem.title || response.statusText || `HTTP ${response.status}`,
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
    attempt: problem.attempt,
  });
}

// The key only has to be unique; getRandomValues also works outside secure contexts, unlike randomUUID.
function idempotencyKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const segment = encodeURIComponent;

/**
 * @param {object} options
 * @param {string} options.base gateway origin, e.g. "https://gateway.example"; empty for same origin
 * @param {() => (undefined | (() => Promise<string> | string))} options.tokenProvider looked up on each
 *   request, so a provider set (or defined globally) after the element started is still used
 */
export function createApi({ base = '', tokenProvider = () => undefined }) {
  const root = base.replace(/\/+$/, '');
  const url = (path) => `${root}${path}`;

  async function authHeaders() {
    const provider = tokenProvider();
    if (!provider) return {};
    const token = await provider();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  async function request(method, path, headers = {}) {
    let auth;
    try {
      auth = await authHeaders();
    } catch {
      throw new ApiError({ status: 0, detail: 'Could not get a sign-in token' });
    }
    let response;
    try {
      response = await fetch(url(path), { method, headers: { Accept: 'application/json', ...auth, ...headers } });
    } catch {
      throw new ApiError({ status: 0, detail: 'Could not reach the server' });
    }
    if (!response.ok) throw await problemFrom(response);
    // A 202 or 204 may come without a body; that is still a success.
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  return {
    authHeaders,
    workspaceIssues: (workspace) => request('GET', `/api/workspaces/${segment(workspace)}/provisioning-issues`),
    workspaceStreamUrl: (workspace) => url(`/api/workspaces/${segment(workspace)}/provisioning-issues/stream`),
    application: (id) => request('GET', `/api/applications/${segment(id)}/provisioning`),
    retry: (id) =>
      request('POST', `/api/applications/${segment(id)}/provisioning/retry`, { 'Idempotency-Key': idempotencyKey() }),
    adminIssues: (statuses = []) =>
      request('GET', `/api/admin/provisioning-issues${statuses.length ? `?status=${statuses.map(segment).join(',')}` : ''}`),
    adminStreamUrl: () => url('/api/admin/provisioning-issues/stream'),
    /** Deletes an application; again after a failed deprovisioning, it retries that. */
    deleteApplication: (id) => request('DELETE', `/api/applications/${segment(id)}`),
    retryAllFailed: () => request('POST', '/api/admin/provisioning/retry-failed', { 'Idempotency-Key': idempotencyKey() }),
  };
}
