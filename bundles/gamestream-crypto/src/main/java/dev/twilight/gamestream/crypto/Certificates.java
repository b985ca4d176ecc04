package dev.twilight.gamestream.crypto;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed GameStream certificates and the two views of a certificate the protocol uses. */
public final class Certificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /**
     * A self-signed SHA256withRSA X.509v3 certificate. Signing and conversion use the JDK providers, so Bouncy
     * Castle never has to be registered as a JCA provider.
     */
    public static X509Certificate selfSigned(KeyPair keys, String commonName, Duration validity) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        // positive and at most 159 bits, as RFC 5280 allows 20 octets
        BigInteger serial = new BigInteger(159, RANDOM).setBit(0);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(now),
                Date.from(now.plus(validity)), subject, keys.getPublic());
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot create a self-signed certificate for " + commonName, e);
        }
    }

    /** SHA-256 of the DER encoding, lowercase hex: how paired clients are looked up. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Hex.encode(digest).toLowerCase(Locale.ROOT);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The raw bits of the certificate's signatureValue: what the pairing hashes mix in. */
    public static byte[] signatureValue(X509Certificate certificate) {
        return certificate.getSignature();
    }
}
