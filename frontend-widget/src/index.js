import { ProvisioningAdminTab } from './provisioning-admin-tab.js';
import { ProvisioningAlert } from './provisioning-alert.js';
import { ProvisioningStatusBadge } from './provisioning-status-badge.js';

export { createApi, ApiError } from './api.js';
export { createSseClient, createEventStreamParser } from './sse-client.js';
export { ProvisioningStore } from './store.js';
export { ProvisioningAdminTab, ProvisioningAlert, ProvisioningStatusBadge };

const elements = {
  'provisioning-alert': ProvisioningAlert,
  'provisioning-status-badge': ProvisioningStatusBadge,
  'provisioning-admin-tab': ProvisioningAdminTab,
};

// Loading the bundle twice (say, from two micro-frontends) must not throw on a second define().
for (const [name, element] of Object.entries(elements)) {
  if (!customElements.get(name)) customElements.define(name, element);
}
