package dev.twilight.gamestream.crypto;

import dev.twilight.storage.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a GameStream host or client is: an RSA-2048 key, its self-signed certificate and a stable
 * {@code uniqueid}. Persisted in a private directory as {@code cert.pem}, {@code key.pem} and {@code uniqueid}.
 */
public final class Identity {

    private static final Logger LOG = LoggerFactory.getLogger(Identity.class);

    static final String CERTIFICATE_FILE = "cert.pem";
    static final String KEY_FILE = "key.pem";
    static final String UNIQUE_ID_FILE = "uniqueid";
    private static final Duration VALIDITY = Duration.ofDays(20 * 365 + 5);
    private static final Pattern CLIENT_UNIQUE_ID = Pattern.compile("[0-9A-F]{16}");

    /** The two sides of the protocol, which name their certificates and identities differently. */
    public enum Role {
        HOST("Twilight GameStream Host", "every paired client must pair again"),
        /** Moonlight's certificate name, which hosts may expect. */
        CLIENT("NVIDIA GameStream Client", "every host must be paired again");

        private final String commonName;
        private final String consequenceOfLoss;

        Role(String commonName, String consequenceOfLoss) {
            this.commonName = commonName;
            this.consequenceOfLoss = consequenceOfLoss;
        }

        public String commonName() {
            return commonName;
        }

        /** Hosts use a random UUID; clients a random 64-bit value as 16 uppercase hex digits. */
        String newUniqueId() {
            return this == HOST ? UUID.randomUUID().toString()
                    : HexFormat.of().withUpperCase().formatHex(PairingCrypto.random(8));
        }

        boolean validUniqueId(String uniqueId) {
            if (this == CLIENT) {
                return CLIENT_UNIQUE_ID.matcher(uniqueId).matches();
            }
            try {
                return UUID.fromString(uniqueId).toString().equalsIgnoreCase(uniqueId);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final String certificatePem;
    private final String uniqueId;

    private Identity(PrivateKey privateKey, X509Certificate certificate, String uniqueId) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.certificatePem = Pem.encodeCertificate(certificate);
        this.uniqueId = uniqueId;
    }

    /** A fresh identity, kept in memory only. */
    public static Identity generate(Role role) {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
        X509Certificate certificate = Certificates.selfSigned(keys, role.commonName(), VALIDITY);
        return new Identity(keys.getPrivate(), certificate, role.newUniqueId());
    }

    /**
     * Loads the identity kept in {@code directory}, or creates and saves one when there is none. An unreadable
     * identity is moved aside to {@code <directory>.corrupt-<millis>} (logged as an error, since whoever trusted
     * the old certificate must pair again) and replaced.
     *
     * @throws IOException only when a new identity cannot be written
     */
    public static Identity loadOrCreate(Path directory, Role role) throws IOException {
        List<Path> files = List.of(directory.resolve(CERTIFICATE_FILE), directory.resolve(KEY_FILE),
                directory.resolve(UNIQUE_ID_FILE));
        if (files.stream().anyMatch(Files::exists)) {
            try {
                Identity identity = load(directory, role);
                OwnerOnlyFiles.createPrivateDirectory(directory);
                return identity;
            } catch (IOException | GeneralSecurityException | RuntimeException unusable) {
                Path aside = OwnerOnlyFiles.moveAside(directory, System.currentTimeMillis());
                LOG.error("The {} identity in {} is unusable ({}): moved it to {} and created a new one; {}",
                        role.label(), directory, unusable.getMessage(), aside, role.consequenceOfLoss);
            }
        }
        Identity identity = generate(role);
        identity.save(directory);
        LOG.info("Created a new {} identity in {} (uniqueid {})", role.label(), directory, identity.uniqueId);
        return identity;
    }

    private static Identity load(Path directory, Role role) throws IOException, GeneralSecurityException {
        X509Certificate certificate = Pem.decodeCertificate(read(directory.resolve(CERTIFICATE_FILE)));
        PrivateKey key = Pem.decodePrivateKey(read(directory.resolve(KEY_FILE)));
        String uniqueId = read(directory.resolve(UNIQUE_ID_FILE)).strip();
        if (!role.validUniqueId(uniqueId)) {
            throw new GeneralSecurityException("'" + uniqueId + "' is not a " + role.label() + " uniqueid");
        }
        byte[] probe = PairingCrypto.random(PairingCrypto.BLOCK_LENGTH);
        if (!PairingCrypto.verify(certificate.getPublicKey(), probe, PairingCrypto.sign(key, probe))) {
            throw new GeneralSecurityException("the key does not belong to the certificate");
        }
        return new Identity(key, certificate, uniqueId);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private void save(Path directory) throws IOException {
        OwnerOnlyFiles.createPrivateDirectory(directory);
        OwnerOnlyFiles.writeAtomically(directory.resolve(KEY_FILE),
                Pem.encodePrivateKey(privateKey).getBytes(StandardCharsets.US_ASCII));
        OwnerOnlyFiles.writeAtomically(directory.resolve(CERTIFICATE_FILE),
                certificatePem.getBytes(StandardCharsets.US_ASCII));
        OwnerOnlyFiles.writeAtomically(directory.resolve(UNIQUE_ID_FILE),
                (uniqueId + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM text, as pairing sends it. */
    public String certificatePem() {
        return certificatePem;
    }

    public String uniqueId() {
        return uniqueId;
    }

    /** Key managers that present this identity's certificate in TLS (the host's server side, a client's auth). */
    public KeyManager[] keyManagers() {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", privateKey, password, new Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the identity " + uniqueId + " for TLS", e);
        }
    }
}
