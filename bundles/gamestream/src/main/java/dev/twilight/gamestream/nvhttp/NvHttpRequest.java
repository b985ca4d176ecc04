package dev.twilight.gamestream.nvhttp;

import dev.twilight.gamestream.crypto.Hex;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One nvhttp GET as the endpoints see it.
 *
 * @param path              e.g. {@code /serverinfo}
 * @param query             the first value of each query parameter
 * @param secure            whether it came over the HTTPS port
 * @param local             the host's end of the connection (for {@code LocalIP} and {@code sessionUrl0})
 * @param remote            the client's end
 * @param clientCertificate the certificate the client presented over HTTPS, else null
 * @param closed            completes when the connection closes
 */
record NvHttpRequest(String path, Map<String, String> query, boolean secure, InetSocketAddress local,
                     InetSocketAddress remote, X509Certificate clientCertificate, CompletableFuture<Void> closed) {

    /** The client's IP address, without port. */
    String remoteAddress() {
        return remote.getAddress().getHostAddress();
    }

    String param(String name) {
        return query.get(name);
    }

    /** @throws NvHttpException 400 when the parameter is absent */
    String required(String name) {
        String value = query.get(name);
        if (value == null) {
            throw new NvHttpException(400, "missing parameter '" + name + "' in " + path);
        }
        return value;
    }

    /** @throws NvHttpException 400 when the parameter is absent or not hex */
    byte[] hex(String name) {
        try {
            return Hex.decode(name, required(name));
        } catch (IllegalArgumentException e) {
            throw new NvHttpException(400, e.getMessage());
        }
    }

    /** @throws NvHttpException 400 when the parameter is present but not a number */
    int integer(String name, int absent) {
        String value = query.get(name);
        if (value == null) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new NvHttpException(400, "parameter '" + name + "' must be a number, got '" + value + "'");
        }
    }
}
