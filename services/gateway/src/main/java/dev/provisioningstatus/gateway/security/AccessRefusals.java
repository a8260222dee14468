package dev.provisioningstatus.gateway.security;

/** What a refused caller is told, the same from the security filter chain and from the streams' own route. */
public final class AccessRefusals {

    public static final String NO_TOKEN = "A bearer token is required";
    public static final String BAD_TOKEN = "The bearer token is invalid or has expired";
    public static final String FORBIDDEN = "You may not access this resource";
    public static final String TOKEN_UNVERIFIABLE = "The bearer token could not be verified right now; try again shortly";
    public static final String ORIGIN_NOT_ALLOWED = "This origin may not call the API";

    /** {@code WWW-Authenticate} without a token, and with one that was refused (RFC 6750). */
    public static final String BEARER = "Bearer";
    public static final String BAD_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    private AccessRefusals() {
    }
}
