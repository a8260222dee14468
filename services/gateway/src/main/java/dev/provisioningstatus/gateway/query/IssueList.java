package dev.provisioningstatus.gateway.query;

/** A list of applications with issues: the answer of a list route and the data of a stream's {@code snapshot}. */
public sealed interface IssueList permits WorkspaceIssueList, PlatformIssueList {
}
