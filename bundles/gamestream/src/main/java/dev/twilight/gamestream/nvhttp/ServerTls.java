package dev.twilight.gamestream.nvhttp;

import dev.twilight.gamestream.crypto.GameStreamTrust;
import dev.twilight.gamestream.crypto.Identity;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * TLS for the HTTPS port: the host certificate, TLS 1.2 and 1.3, and a client certificate required but taken
 * as it is. Whether that certificate is paired is decided per request, after the handshake, as Sunshine does:
 * an unpaired client then gets an XML 401 instead of a broken handshake.
 */
final class ServerTls {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerTls() {
    }

    static SSLContext context(Identity host) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(host.keyManagers(), new TrustManager[] {GameStreamTrust.anyClient()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with the host certificate", e);
        }
    }

    static SSLEngine serverEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        engine.setEnabledProtocols(Arrays.stream(engine.getSupportedProtocols()).filter(PROTOCOLS::contains)
                .toArray(String[]::new));
        return engine;
    }
}
