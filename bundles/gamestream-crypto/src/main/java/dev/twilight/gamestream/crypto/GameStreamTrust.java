package dev.twilight.gamestream.crypto;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which certificates one side of a GameStream TLS connection trusts. Both sides' certificates are self-signed
 * and hosts are reached by whatever address the user typed, so neither a CA nor a host name can vouch for a
 * peer: a client trusts exactly the host certificate it pinned at pairing, and a host takes any client
 * certificate and checks it against its paired clients per request. No issuer is accepted, and the
 * {@link Socket} and {@link SSLEngine} variants check exactly what the plain ones do.
 */
public final class GameStreamTrust extends X509ExtendedTrustManager {

    /** Accepts a peer's chain by returning, refuses it by throwing. */
    @FunctionalInterface
    private interface ChainCheck {
        void check(X509Certificate[] chain) throws CertificateException;
    }

    private final ChainCheck clients;
    private final ChainCheck servers;

    private GameStreamTrust(ChainCheck clients, ChainCheck servers) {
        this.clients = clients;
        this.servers = servers;
    }

    /** A client's trust: exactly the host certificate pinned at pairing; it accepts no connections itself. */
    public static GameStreamTrust pinnedHost(X509Certificate pinned) {
        return new GameStreamTrust(
                chain -> {
                    throw new CertificateException("a GameStream client does not accept connections");
                },
                chain -> {
                    if (chain == null || chain.length == 0 || !chain[0].equals(pinned)) {
                        throw new CertificateException(
                                "the host presented a certificate other than the one pinned at pairing");
                    }
                });
    }

    /**
     * A host's trust: any client certificate chain, since whether it is paired is decided per request after the
     * handshake; it checks no server certificates.
     */
    public static GameStreamTrust anyClient() {
        return new GameStreamTrust(
                chain -> {
                },
                chain -> {
                    throw new CertificateException("the nvhttp server does not check server certificates");
                });
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        clients.check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        clients.check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        clients.check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        servers.check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        servers.check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        servers.check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
