/** Sample gateway JSON, shared by the jsdom tests (through fixtures.js) and the browser tests. */

export const WORKSPACE = 'acme';

export function environment(name, status, message, extra = {}) {
  return { environment: name, status, message, retryable: status === 'failed', attempt: 1, ...extra };
}

/** A moderate application view; the default is the design's "partial" example. */
export function application(overrides = {}) {
  return {
    applicationId: 'payments-service',
    name: 'payments-service',
    workspaceId: WORKSPACE,
    workspaceName: 'Acme Corp',
    status: 'partial',
    error: 'stage: Connection refused',
    attempt: 1,
    lastAttemptAt: '2026-11-27T09:00:02Z',
    updatedAt: '2026-11-27T09:00:05Z',
    version: 4,
    environments: [
      environment('dev', 'succeeded', 'Provisioned successfully'),
      environment('stage', 'failed', 'Connection refused', { reason: 'ConnectionRefused' }),
      environment('prod', 'succeeded', 'Provisioned successfully'),
    ],
    ...overrides,
  };
}

/** A workspace issues body; the banner count is the failed + partial ones, as the gateway computes it. */
export function issues(applications) {
  const count = applications.filter((app) => app.status === 'failed' || app.status === 'partial').length;
  return { workspaceId: WORKSPACE, count, applications };
}
