package dev.twilight.api.client;

import java.util.Objects;

/**
 * Where a host answers.
 *
 * @param host      name or address
 * @param httpPort  nvhttp HTTP port (47989 by default)
 * @param httpsPort nvhttp HTTPS port; 0 to learn it from the host's serverinfo
 */
public record HostAddress(String host, int httpPort, int httpsPort) {

    public HostAddress {
        Objects.requireNonNull(host, "host");
        if (httpPort <= 0 || httpPort > 65535 || httpsPort < 0 || httpsPort > 65535) {
            throw new IllegalArgumentException("invalid ports " + httpPort + "/" + httpsPort);
        }
    }

    public static HostAddress of(String host) {
        return new HostAddress(host, 47989, 0);
    }
}
