package dev.twilight.host.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.pairing.PairedClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedClientStoreTest {

    /** Self-signed client certificates made with openssl; their SHA-256 fingerprints come from openssl too. */
    static final String CERT_A = """
            -----BEGIN CERTIFICATE-----
            MIIBnzCCAUWgAwIBAgIUAuhWMx5YQefFJCLJZegEsQ2LqcQwCgYIKoZIzj0EAwIw
            JTEjMCEGA1UEAwwaTlZJRElBIEdhbWVTdHJlYW0gQ2xpZW50IGEwHhcNMjYxMTI1
            MjIxMDIzWhcNNDYxMTIwMjIxMDIzWjAlMSMwIQYDVQQDDBpOVklESUEgR2FtZVN0
            cmVhbSBDbGllbnQgYTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDNZ96zGqkkV
            JBQL257vGx/fOJKawwQayI9hoXgCI3TWwuxfM/iha5WF3sM1Aw4PWUz6hM2q4Ex3
            ZqkQhUswTFqjUzBRMB0GA1UdDgQWBBQelGDGfOm9GFMjL6JZg/EsLlunlDAfBgNV
            HSMEGDAWgBQelGDGfOm9GFMjL6JZg/EsLlunlDAPBgNVHRMBAf8EBTADAQH/MAoG
            CCqGSM49BAMCA0gAMEUCIQCPjmYYERjS90aTPqFCe+9QTzwpqK9wWJkGzF+Tbfl4
            0gIgIm1iw2FJwu+MgZK+OKUU5tq0zON0SUyQtmKSEDPkJKc=
            -----END CERTIFICATE-----
            """;
    static final String FINGERPRINT_A = "60fd5d8c00573f34c7239459ad15435248147298fdad0fbacfe8d73adcb5d081";
    static final String CERT_B = """
            -----BEGIN CERTIFICATE-----
            MIIBnjCCAUWgAwIBAgIUbBidLkgqSII5Iods5TxeQZSUG8IwCgYIKoZIzj0EAwIw
            JTEjMCEGA1UEAwwaTlZJRElBIEdhbWVTdHJlYW0gQ2xpZW50IGIwHhcNMjYxMTI1
            MjIxMDIzWhcNNDYxMTIwMjIxMDIzWjAlMSMwIQYDVQQDDBpOVklESUEgR2FtZVN0
            cmVhbSBDbGllbnQgYjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABMoA9J9FwaWj
            V2asPtFAmWilpZzrc8YliTQaDMyVDEncuIFRb9rafvdT+w7jaZRaD2fieQUjbuZx
            R3KANSsEzaqjUzBRMB0GA1UdDgQWBBSQUkq3dLWypK/OhBNV0I0RuecbUjAfBgNV
            HSMEGDAWgBSQUkq3dLWypK/OhBNV0I0RuecbUjAPBgNVHRMBAf8EBTADAQH/MAoG
            CCqGSM49BAMCA0cAMEQCIAgwKj1nFtdEPAeqBkdCPkJF3h598cbyT1a5ddqsEFXR
            AiAiFz2UX+iKoIo1kAe5z6Kt94PRxq4dX/AuqU/IlbhwOw==
            -----END CERTIFICATE-----
            """;
    static final String FINGERPRINT_B = "ba30abcf41474325449890d881a09a477e0615babf4354860eae7866d6354d8e";

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T10:00:00Z"));

    private PairedClientStore store(Path state) {
        return new PairedClientStore(state, clock);
    }

    @Test
    void pairedClientsSurviveARestart() {
        Path state = temp.resolve("state");
        PairedClientStore store = store(state);
        PairedClient tablet = store.add("Tablet", CERT_A);
        clock.advance(Duration.ofSeconds(5));
        PairedClient laptop = store.add("Laptop", CERT_B);
        assertTrue(store.rename(laptop.id(), "Work laptop"));

        PairedClientStore reloaded = store(state);
        List<PairedClient> clients = reloaded.list();
        assertEquals(2, clients.size());
        assertEquals(tablet, clients.get(0));
        assertEquals("Work laptop", clients.get(1).name());
        assertEquals(laptop.id(), clients.get(1).id());
        assertEquals(laptop.firstSeen(), clients.get(1).firstSeen());
        assertEquals(FINGERPRINT_A, tablet.fingerprint());
        assertEquals(FINGERPRINT_B, laptop.fingerprint());
        assertEquals(laptop.id(), reloaded.byFingerprint(FINGERPRINT_B.toUpperCase()).orElseThrow().id());
        assertEquals(tablet, reloaded.find(tablet.id()).orElseThrow());

        assertTrue(reloaded.remove(tablet.id()));
        assertFalse(reloaded.remove(tablet.id()));
        assertFalse(reloaded.rename(tablet.id(), "gone"));
        assertEquals(List.of(laptop.id()), store(state).list().stream().map(PairedClient::id).toList());
    }

    @Test
    void theFileAndTheFoldersMadeForItAreTheOwnersOnlyAndNoTemporaryFileRemains() throws IOException {
        Path state = temp.resolve("data").resolve("twilight");
        PairedClientStore store = store(state);
        store.add("Tablet", CERT_A);
        store.add("Laptop", CERT_B);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.getParent())));
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(List.of(store.file()), files.toList(), "only the file itself: the temporary was moved");
        }
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheHostStartsEmpty() throws IOException {
        Path state = temp.resolve("state");
        Files.createDirectories(state);
        Path file = state.resolve(PairedClientStore.FILE_NAME);
        Files.writeString(file, "{\"version\":1,\"clients\":[{\"id\":\"x\",");

        PairedClientStore store = store(state);

        assertTrue(store.list().isEmpty());
        assertFalse(Files.exists(file));
        Path aside = state.resolve(PairedClientStore.FILE_NAME + ".corrupt-" + clock.millis());
        assertEquals("{\"version\":1,\"clients\":[{\"id\":\"x\",", Files.readString(aside));
        store.add("Tablet", CERT_A);
        assertEquals(1, store(state).list().size());
    }

    @Test
    void anEntryWithABrokenCertificateMakesTheFileCorrupt() throws IOException {
        Path state = temp.resolve("state");
        store(state).add("Tablet", CERT_A);
        Path file = state.resolve(PairedClientStore.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("MIIB", "XXXX"));

        assertTrue(store(state).list().isEmpty());
        assertFalse(Files.exists(file));
    }

    @Test
    void pairingTheSameCertificateAgainRenamesTheExistingClient() {
        PairedClientStore store = store(temp);
        PairedClient first = store.add("Tablet", CERT_A);
        clock.advance(Duration.ofMinutes(3));
        PairedClient again = store.add("  Living room tablet ", CERT_A);

        assertEquals(first.id(), again.id());
        assertEquals("Living room tablet", again.name());
        assertEquals(first.firstSeen(), again.firstSeen());
        assertEquals(List.of(again), store.list());
        assertEquals(List.of(again), store(temp).list());
    }

    @Test
    void badInputIsRefusedWithAReason() {
        PairedClientStore store = store(temp);
        IllegalArgumentException notPem = assertThrows(IllegalArgumentException.class,
                () -> store.add("Tablet", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n"));
        assertTrue(notPem.getMessage().contains("not a PEM X.509 certificate"), notPem.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.add(" ", CERT_A));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void seenIsSavedAtMostOnceAMinuteAndOnDeactivate() {
        PairedClientStore store = store(temp);
        PairedClient tablet = store.add("Tablet", CERT_A);

        clock.advance(Duration.ofSeconds(20));
        store.seen(tablet.id());
        Instant seen = clock.instant();
        assertEquals(seen, store.find(tablet.id()).orElseThrow().lastSeen(), "in memory at once");
        assertEquals(tablet.lastSeen(), store(temp).find(tablet.id()).orElseThrow().lastSeen(), "not yet on disk");

        clock.advance(Duration.ofSeconds(50));
        store.seen(tablet.id());
        assertEquals(clock.instant(), store(temp).find(tablet.id()).orElseThrow().lastSeen(), "a minute passed");

        clock.advance(Duration.ofSeconds(1));
        store.seen(tablet.id());
        assertNotEquals(clock.instant(), store(temp).find(tablet.id()).orElseThrow().lastSeen());
        store.deactivate();
        assertEquals(clock.instant(), store(temp).find(tablet.id()).orElseThrow().lastSeen());
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
