package dev.twilight.gamestream.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class GameStreamTrustTest {

    private final X509Certificate pinned = Identity.generate(Identity.Role.HOST).certificate();
    private final X509Certificate other = Identity.generate(Identity.Role.HOST).certificate();

    @Test
    void theTrustManagerAcceptsOnlyThePinnedCertificate() throws Exception {
        GameStreamTrust trust = GameStreamTrust.pinnedHost(pinned);

        trust.checkServerTrusted(new X509Certificate[] {pinned}, "RSA");
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[] {other}, "RSA"));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[0], "RSA"));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(null, "RSA"));
        trust.checkServerTrusted(new X509Certificate[] {pinned}, "RSA", (SSLEngine) null);
        assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {other}, "RSA", (SSLEngine) null));
        assertThrows(CertificateException.class, () -> trust.checkClientTrusted(new X509Certificate[] {pinned}, "RSA"),
                "a client accepts no connections");
        assertEquals(0, trust.getAcceptedIssuers().length);
    }

    @Test
    void aHostTakesAnyClientCertificateAndChecksNoServer() {
        GameStreamTrust trust = GameStreamTrust.anyClient();

        assertDoesNotThrow(() -> trust.checkClientTrusted(new X509Certificate[] {other}, "RSA"));
        assertDoesNotThrow(() -> trust.checkClientTrusted(new X509Certificate[] {pinned}, "RSA", (SSLEngine) null));
        assertThrows(CertificateException.class, () -> trust.checkServerTrusted(new X509Certificate[] {pinned}, "RSA"));
        assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {pinned}, "RSA", (SSLEngine) null));
        assertEquals(0, trust.getAcceptedIssuers().length);
    }
}
