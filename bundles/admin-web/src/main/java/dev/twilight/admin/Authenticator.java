package dev.twilight.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through when it carries the admin's HTTP Basic credentials or {@code Bearer} the local token,
 * and refuses addresses that failed too often.
 */
final class Authenticator {

    static final String REALM = "Basic realm=\"Twilight\"";
    private static final String REMEDY = "send HTTP Basic credentials of user 'admin' (the host logged the password "
            + "at its first start; set a new one with twilight:admin-password in the host shell), or "
            + "'Authorization: Bearer TOKEN' with the token from admin.json in the host's state folder";
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final AdminCredentials credentials;
    private final FailureLimiter limiter;

    Authenticator(AdminCredentials credentials, FailureLimiter limiter) {
        this.credentials = credentials;
        this.limiter = limiter;
    }

    void check(String address, String authorization) throws ApiError {
        String token = credential(authorization, "bearer ");
        // the token has 256 random bits, so the right one passes even while someone guesses passwords from the same
        // address: the launcher on this machine keeps working
        if (token != null && credentials.tokenMatches(token)) {
            limiter.succeeded(address);
            return;
        }
        Duration wait = limiter.blockedFor(address);
        if (!wait.isZero()) {
            long seconds = (wait.toMillis() + 999) / 1000;
            throw new ApiError(429, "too-many-failures", "too many failed logins from " + address,
                    "wait " + seconds + " s, then try again with the right credentials")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        String basic = credential(authorization, "basic ");
        if (token == null && basic == null) {
            throw unauthorized("authentication-required", "the admin API needs the admin's credentials");
        }
        if (basic != null && basicMatches(basic)) {
            limiter.succeeded(address);
            return;
        }
        if (limiter.failed(address)) {
            LOG.warn("admin API: {} failed logins from {}; refusing it for {} s", FailureLimiter.MAX_FAILURES,
                    address, FailureLimiter.WINDOW.toSeconds());
        }
        throw unauthorized("bad-credentials", "wrong admin credentials");
    }

    private boolean basicMatches(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && credentials.passwordMatches(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The credential after the scheme (case-insensitive), or null when the header uses another scheme. */
    private static String credential(String authorization, String scheme) {
        if (authorization == null || authorization.length() < scheme.length()
                || !authorization.substring(0, scheme.length()).toLowerCase(Locale.ROOT).equals(scheme)) {
            return null;
        }
        return authorization.substring(scheme.length()).strip();
    }

    private static ApiError unauthorized(String reason, String message) {
        return new ApiError(401, reason, message, REMEDY).withHeader("WWW-Authenticate", REALM);
    }
}
