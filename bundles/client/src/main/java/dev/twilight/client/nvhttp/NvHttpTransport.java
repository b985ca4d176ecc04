package dev.twilight.client.nvhttp;

import dev.twilight.api.client.ClientException;
import dev.twilight.gamestream.crypto.GameStreamTrust;
import dev.twilight.gamestream.crypto.Identity;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * One nvhttp GET per connection, as hosts expect: every request carries this client's {@code uniqueid} and a
 * fresh {@code uuid}. Over HTTPS it presents the client certificate and trusts only the pinned host certificate.
 */
final class NvHttpTransport {

    private static final int CONNECT_TIMEOUT_MS = 5000;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final String uniqueId;
    private final KeyManager[] keyManagers;

    NvHttpTransport(Identity identity) {
        this.uniqueId = identity.uniqueId();
        this.keyManagers = identity.keyManagers();
    }

    NvHttpXml http(String host, int port, String path, Map<String, String> query, Duration timeout)
            throws ClientException {
        return NvHttpXml.parse(get("http", host, port, path, query, null, timeout), host + " /" + path);
    }

    NvHttpXml https(String host, int port, X509Certificate pinned, String path, Map<String, String> query,
                    Duration timeout) throws ClientException {
        return NvHttpXml.parse(get("https", host, port, path, query, tls(pinned), timeout), host + " /" + path);
    }

    private SSLSocketFactory tls(X509Certificate pinned) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, new TrustManager[] {GameStreamTrust.pinnedHost(pinned)}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with the client certificate", e);
        }
    }

    /** @param timeout how long to wait for the answer; zero or less waits as long as the host takes */
    private byte[] get(String scheme, String host, int port, String path, Map<String, String> query,
                       SSLSocketFactory tls, Duration timeout) throws ClientException {
        URI uri;
        try {
            uri = URI.create(scheme + "://" + urlHost(host) + ":" + port + "/" + path + "?" + queryString(query));
        } catch (IllegalArgumentException e) {
            throw new ClientException(0, "'" + host + "' is not a host name or address");
        }
        String where = scheme.toUpperCase(java.util.Locale.ROOT) + " " + host + ":" + port + " /" + path;
        HttpURLConnection connection = null;
        try {
            // hosts are on the local network: no proxy
            connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            if (connection instanceof HttpsURLConnection secure) {
                secure.setSSLSocketFactory(tls);
                // the pinned certificate identifies the host; its name is whatever address the user gave
                secure.setHostnameVerifier((name, session) -> true);
            }
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(timeout.isNegative() || timeout.isZero() ? 0
                    : (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new ClientException(status, where + " answered HTTP " + status + ": not a GameStream host?");
            }
            try (InputStream body = connection.getInputStream()) {
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    throw new ClientException(0, where + " sent more than " + MAX_BODY + " bytes");
                }
                return bytes;
            }
        } catch (SocketTimeoutException e) {
            throw new ClientException(where + " did not answer within " + describe(timeout) + " (" + e.getMessage()
                    + ")", e);
        } catch (ConnectException e) {
            throw new ClientException("cannot connect to " + where + " (" + e.getMessage()
                    + "): is the host running and reachable?", e);
        } catch (SSLException e) {
            // what Moonlight does too: a failed handshake reads as "not paired", so the user pairs again
            throw new ClientException(401, "TLS with " + where + " failed (" + e.getMessage() + "): the host's "
                    + "certificate is not the one pinned when pairing (was the host reinstalled?); pair again");
        } catch (IOException e) {
            throw new ClientException(where + " failed: " + e, e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** The host as a URL writes it: an IPv6 address in brackets. */
    static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private String queryString(Map<String, String> query) {
        StringBuilder text = new StringBuilder("uniqueid=").append(encode(uniqueId))
                .append("&uuid=").append(UUID.randomUUID().toString().replace("-", ""));
        query.forEach((name, value) -> text.append('&').append(encode(name)).append('=').append(encode(value)));
        return text.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
