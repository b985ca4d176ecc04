package dev.twilight.gamestream.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {

    @TempDir
    Path state;

    @Test
    void aMissingIdentityIsCreatedPrivatelyAndReloadedUnchanged() throws Exception {
        Path directory = state.resolve("identity");
        Identity created = Identity.loadOrCreate(directory, Identity.Role.HOST);

        assertEquals("rwx------", permissions(directory));
        for (String file : List.of("cert.pem", "key.pem", "uniqueid")) {
            assertEquals("rw-------", permissions(directory.resolve(file)), file);
        }
        assertEquals(created.uniqueId(), UUID.fromString(created.uniqueId()).toString());
        assertTrue(created.certificate().getSubjectX500Principal().getName().contains("CN=Twilight GameStream Host"));
        assertEquals("SHA256withRSA", created.certificate().getSigAlgName());
        assertEquals(3, created.certificate().getVersion());
        assertTrue(created.certificate().getNotAfter().getTime() - created.certificate().getNotBefore().getTime()
                >= 20L * 365 * 24 * 3600 * 1000);
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(3, files.count(), "no temporary files are left behind");
        }

        Identity reloaded = Identity.loadOrCreate(directory, Identity.Role.HOST);
        assertEquals(created.uniqueId(), reloaded.uniqueId());
        assertEquals(created.certificate(), reloaded.certificate());
        assertEquals(created.privateKey(), reloaded.privateKey());
        assertEquals(created.certificatePem(), reloaded.certificatePem());
    }

    @Test
    void clientsGetMoonlightsCertificateNameAndA64BitHexUniqueId() throws Exception {
        Identity client = Identity.loadOrCreate(state.resolve("client"), Identity.Role.CLIENT);
        assertTrue(client.uniqueId().matches("[0-9A-F]{16}"), client.uniqueId());
        assertTrue(client.certificate().getSubjectX500Principal().getName().contains("CN=NVIDIA GameStream Client"));
        assertEquals(client.uniqueId(), Identity.loadOrCreate(state.resolve("client"), Identity.Role.CLIENT).uniqueId());
    }

    @Test
    void aCorruptIdentityIsMovedAsideAndReplaced() throws Exception {
        Path directory = state.resolve("identity");
        Identity first = Identity.loadOrCreate(directory, Identity.Role.HOST);
        Files.writeString(directory.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n");

        Identity second = Identity.loadOrCreate(directory, Identity.Role.HOST);

        assertNotEquals(first.uniqueId(), second.uniqueId());
        Path aside = onlyCorruptCopy();
        assertTrue(Files.readString(aside.resolve("cert.pem")).contains("not base64!"), "the old files are kept");
        assertEquals(second.uniqueId(), Identity.loadOrCreate(directory, Identity.Role.HOST).uniqueId());
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsCorrupt() throws Exception {
        Path directory = state.resolve("identity");
        Identity first = Identity.loadOrCreate(directory, Identity.Role.HOST);
        Identity other = Identity.generate(Identity.Role.HOST);
        Files.writeString(directory.resolve("key.pem"), Pem.encodePrivateKey(other.privateKey()));

        Identity replaced = Identity.loadOrCreate(directory, Identity.Role.HOST);

        assertNotEquals(first.uniqueId(), replaced.uniqueId());
        onlyCorruptCopy();
    }

    @Test
    void aMissingFileOrAWrongKindOfUniqueIdIsCorrupt() throws Exception {
        Path directory = state.resolve("identity");
        Identity.loadOrCreate(directory, Identity.Role.CLIENT);
        // a host must not adopt a client's identity
        Identity host = Identity.loadOrCreate(directory, Identity.Role.HOST);
        assertEquals(host.uniqueId(), UUID.fromString(host.uniqueId()).toString());
        onlyCorruptCopy();

        Files.delete(directory.resolve("key.pem"));
        assertNotEquals(host.uniqueId(), Identity.loadOrCreate(directory, Identity.Role.HOST).uniqueId());
    }

    @Test
    void garbageBytesDoNotCrashLoading() throws Exception {
        Path directory = state.resolve("identity");
        Files.createDirectories(directory);
        Files.write(directory.resolve("uniqueid"), new byte[] {(byte) 0xff, 0, (byte) 0xfe});
        Identity identity = Identity.loadOrCreate(directory, Identity.Role.HOST);
        assertFalse(identity.uniqueId().isEmpty());
        onlyCorruptCopy();
    }

    @Test
    void pemRoundTripsAndRejectsNonPem() throws Exception {
        Identity identity = Identity.generate(Identity.Role.CLIENT);
        assertEquals(identity.certificate(), Pem.decodeCertificate(identity.certificatePem()));
        assertEquals(identity.privateKey(), Pem.decodePrivateKey(Pem.encodePrivateKey(identity.privateKey())));
        assertThrows(CertificateException.class, () -> Pem.decodeCertificate("hello"));
        assertEquals(64, Certificates.fingerprint(identity.certificate()).length());
        assertTrue(Certificates.fingerprint(identity.certificate()).matches("[0-9a-f]{64}"));
    }

    @Test
    void hexIsUppercaseOutAndSaysWhatIsWrongIn() {
        assertEquals("00FFA1", Hex.encode(new byte[] {0, -1, (byte) 0xa1}));
        assertEquals(2, Hex.decode("salt", "aBcD").length);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Hex.decode("salt", "abc")).getMessage()
                .contains("salt"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Hex.decode("rikey", "zz")).getMessage()
                .contains("rikey"));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("salt", null));
    }

    private Path onlyCorruptCopy() throws Exception {
        try (Stream<Path> files = Files.list(state)) {
            List<Path> corrupt = files.filter(path -> path.getFileName().toString().startsWith("identity.corrupt-"))
                    .toList();
            assertEquals(1, corrupt.size(), corrupt.toString());
            return corrupt.get(0);
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
