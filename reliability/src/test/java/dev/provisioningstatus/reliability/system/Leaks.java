package dev.provisioningstatus.reliability.system;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What must never reach a workspace member (docs/architecture.md, "Security rules": moderate detail has no stack traces, hosts,
 * IP addresses or workflow ids), as patterns a response is scanned for.
 */
public final class Leaks {

    private record Rule(String what, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("stack trace", Pattern.compile("\\tat |\\\\tat |\\bat [a-z]+(\\.[a-zA-Z0-9_$]+)+\\(|\\.java:\\d+")),
            new Rule("exception class", Pattern.compile("\\b[a-z]+(\\.[a-z0-9]+)+\\.[A-Z][A-Za-z]*(Exception|Error)\\b|Caused by:")),
            new Rule("IPv4 address", Pattern.compile("(?<![\\d.])(\\d{1,3}\\.){3}\\d{1,3}(?![\\d.])")),
            new Rule("IPv6 address", Pattern.compile("(?i)(?<![0-9a-f:])([0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}(?![0-9a-f:])|\\[::1]")),
            new Rule("host name", Pattern.compile("(?i)\\blocalhost\\b|\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.(internal|local|lan|corp|example\\.com|svc)\\b")),
            new Rule("workflow id", Pattern.compile("\"workflowId\"|\\bprovisioning-[a-z0-9][a-z0-9-]*(?<!-issues)(?![a-z0-9/-])")));

    private Leaks() {
    }

    /** Each leak found in {@code text}, as {@code what: 'match'}; empty when clean. */
    public static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(text);
            while (matcher.find()) {
                found.add(rule.what() + ": '" + matcher.group() + "'");
            }
        }
        return found;
    }
}
