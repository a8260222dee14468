package dev.provisioningstatus.gateway.query;

/** An application as one caller may see it; {@link ApplicationViewRedactor} decides which. */
public sealed interface ApplicationView permits MemberApplicationView, AdminApplicationView {
}
