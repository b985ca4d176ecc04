package dev.twilight.client.nvhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.gamestream.crypto.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedHostsTest {

    @TempDir
    Path state;

    @Test
    void pinnedCertificatesSurviveAReloadInAPrivateFile() throws Exception {
        Path file = state.resolve("hosts.json");
        Identity host = Identity.generate(Identity.Role.HOST);
        PinnedHosts hosts = PinnedHosts.load(file);
        hosts.pin(host.uniqueId(), "Den", host.certificatePem(), "10.0.0.2:47989");
        hosts.seenAt(host.uniqueId(), "den.local:47989");

        PinnedHosts reloaded = PinnedHosts.load(file);
        PinnedHosts.PinnedHost pinned = reloaded.get(host.uniqueId()).orElseThrow();
        assertEquals("Den", pinned.name());
        assertEquals(host.certificatePem(), pinned.certificate());
        assertEquals(List.of("10.0.0.2:47989", "den.local:47989"), pinned.addresses());
        assertEquals(host.uniqueId(), reloaded.atAddress("den.local:47989").orElseThrow().uniqueId());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertTrue(reloaded.forget(host.uniqueId()));
        assertFalse(reloaded.forget(host.uniqueId()));
        assertTrue(PinnedHosts.load(file).get(host.uniqueId()).isEmpty());
    }

    @Test
    void anUnreadableFileIsMovedAsideAndNothingIsPinned() throws Exception {
        Path file = state.resolve("hosts.json");
        Files.writeString(file, "{\"hosts\": [ {\"uniqueId\": ");

        PinnedHosts hosts = PinnedHosts.load(file);

        assertTrue(hosts.atAddress("x:1").isEmpty());
        assertFalse(Files.exists(file));
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(1, files.filter(path -> path.getFileName().toString().startsWith("hosts.json.corrupt-"))
                    .count());
        }
    }
}
