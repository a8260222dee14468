// The widget's flows, driven through a client generated from the gateway's live /v3/api-docs:
// the types come from the document (tsc fails when the flows use a field it no longer has), the
// answers from the real gateway (a flow fails when an answer lacks a field the document promises).
import createClient from "openapi-fetch";
import type { components, paths } from "../../../target/openapi/api.js";

type Problem = components["schemas"]["Problem"];

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const gateway = createClient<paths>({ baseUrl: env("GATEWAY_URL") });
const member = { Authorization: `Bearer ${env("MEMBER_TOKEN")}` };
const workspaceId = env("WORKSPACE_ID");
const failedId = env("FAILED_APPLICATION_ID");
const retryingId = env("RETRYING_APPLICATION_ID");

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`expected ${what}`);
  }
}

function problem(error: Problem | undefined, status: number, flow: string): void {
  check(error !== undefined, `${flow}: a problem document`);
  check(error?.status === status, `${flow}: problem status ${status}, got ${JSON.stringify(error)}`);
  check(typeof error?.title === "string" && typeof error?.type === "string", `${flow}: problem type and title`);
}

const flows: Record<string, () => Promise<void>> = {
  async list() {
    const { data, response } = await gateway.GET("/api/workspaces/{workspaceId}/provisioning-issues", {
      params: { path: { workspaceId } },
      headers: member,
    });
    check(response.status === 200 && data !== undefined, `list: 200, got ${response.status}`);
    check(data?.workspaceId === workspaceId, "list: its workspace");
    const failed = data?.applications.find((application) => application.applicationId === failedId);
    check(failed?.status === "failed", "list: the failed application");
    check(typeof data?.count === "number" && data.count >= 1, "list: the banner's count");
    check(failed !== undefined && !("eventId" in failed), "list: a member's view, without eventId");
  },

  async details() {
    const { data, response } = await gateway.GET("/api/applications/{applicationId}/provisioning", {
      params: { path: { applicationId: failedId } },
      headers: member,
    });
    check(response.status === 200 && data !== undefined, `details: 200, got ${response.status}`);
    check(data?.name !== undefined && data.workspaceId === workspaceId, "details: name and workspace");
    check(typeof data?.version === "number" && typeof data.updatedAt === "string", "details: version and time");
    const environments = data?.environments ?? [];
    check(environments.length > 0, "details: its environments");
    for (const environment of environments) {
      check(typeof environment.retryable === "boolean", `details: ${environment.environment} retryable`);
      check(typeof environment.message === "string", `details: ${environment.environment} message`);
      check(typeof environment.lastTransitionTime === "string", `details: ${environment.environment} time`);
    }
    check(environments.some((environment) => environment.status === "failed" && environment.reason !== undefined),
      "details: a failed environment with its reason");
  },

  async retryAccepted() {
    const { data, response } = await gateway.POST("/api/applications/{applicationId}/provisioning/retry", {
      params: { path: { applicationId: failedId }, header: { "Idempotency-Key": `client-${failedId}` } },
      headers: member,
    });
    check(response.status === 202, `retry: 202, got ${response.status}`);
    check(data?.applicationId === failedId && typeof data.commandId === "string", "retry: the command's id");
  },

  async retryWhileInProgress() {
    const { error, response } = await gateway.POST("/api/applications/{applicationId}/provisioning/retry", {
      params: { path: { applicationId: retryingId } },
      headers: member,
    });
    check(response.status === 409, `retry in progress: 409, got ${response.status}`);
    problem(error, 409, "retry in progress");
  },

  async unknownApplication() {
    const { error, response } = await gateway.GET("/api/applications/{applicationId}/provisioning", {
      params: { path: { applicationId: "client-no-such-application" } },
      headers: member,
    });
    check(response.status === 404, `unknown application: 404, got ${response.status}`);
    problem(error, 404, "unknown application");
  },

  async otherWorkspace() {
    const { error, response } = await gateway.GET("/api/workspaces/{workspaceId}/provisioning-issues", {
      params: { path: { workspaceId: env("OTHER_WORKSPACE_ID") } },
      headers: member,
    });
    check(response.status === 403, `other workspace: 403, got ${response.status}`);
    problem(error, 403, "other workspace");
  },
};

let failures = 0;
for (const [name, flow] of Object.entries(flows)) {
  try {
    await flow();
    console.log(`ok ${name}`);
  } catch (failure) {
    failures++;
    console.log(`FAILED ${name}: ${failure instanceof Error ? failure.message : String(failure)}`);
  }
}
process.exit(failures === 0 ? 0 : 1);
