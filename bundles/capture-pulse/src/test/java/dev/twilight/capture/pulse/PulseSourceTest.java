package dev.twilight.capture.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import dev.twilight.api.media.Availability;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the source says, and does, where it cannot capture: no sound server, no parec, disabled. */
class PulseSourceTest {

    @TempDir
    Path folder;

    @Test
    void withoutAServerTheProbeSaysWhereItLookedAndWhatToDo() throws Exception {
        PulseSource source = new PulseSource(new TestConfig(true, "", ""),
                Map.of("PATH", withParec(), "XDG_RUNTIME_DIR", folder.toString()));
        Availability availability = source.probe();
        assertFalse(availability.available());
        assertEquals("no PulseAudio server at " + folder.resolve("pulse/native") + " (the socket does not exist)",
                availability.reason());
        assertTrue(availability.remedy().contains("start pulseaudio or pipewire-pulse"), availability.remedy());
        assertTrue(availability.remedy().contains("set server in config/host/dev.twilight.capture.pulse.config"),
                availability.remedy());
        CaptureException refused = assertThrows(CaptureException.class,
                () -> source.open(new AudioFormat(48_000, 2, 5)));
        assertTrue(refused.getMessage().startsWith(availability.reason()), refused.getMessage());
    }

    @Test
    void aSocketNobodyListensOnIsNoServer() throws Exception {
        Path socket = folder.resolve("native");
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "a server that died leaves its socket file behind");
        Availability availability = new PulseSource(new TestConfig(true, "unix:" + socket, ""),
                Map.of("PATH", withParec())).probe();
        assertFalse(availability.available());
        assertTrue(availability.reason().startsWith("no PulseAudio server answers at " + socket),
                availability.reason());
    }

    @Test
    void withoutParecTheProbeNamesThePackage() {
        Availability availability = new PulseSource(new TestConfig(true, "", ""),
                Map.of("PATH", folder.toString(), "XDG_RUNTIME_DIR", folder.toString())).probe();
        assertFalse(availability.available());
        assertEquals("parec, PulseAudio's recording client, is not on the PATH", availability.reason());
        assertTrue(availability.remedy().contains("apt-get install pulseaudio-utils"), availability.remedy());
    }

    @Test
    void withNoServerNamedAnywhereTheProbeAsksForTheSetting() throws Exception {
        Availability availability = new PulseSource(new TestConfig(true, "", ""), Map.of("PATH", withParec()))
                .probe();
        assertFalse(availability.available());
        assertTrue(availability.reason().contains("neither PULSE_SERVER nor XDG_RUNTIME_DIR"), availability.reason());
        assertTrue(availability.remedy().contains("set server in"), availability.remedy());
    }

    @Test
    void disabledItSaysHowToEnableIt() {
        Availability availability = new PulseSource(new TestConfig(false, "", ""), Map.of()).probe();
        assertFalse(availability.available());
        assertTrue(availability.remedy().contains("set enabled to true"), availability.remedy());
    }

    @Test
    void theServerIsTheSettingThenPulseServerThenTheRuntimeFolder() {
        Map<String, String> environment = Map.of("PULSE_SERVER", "tcp:localhost:4713", "XDG_RUNTIME_DIR", "/run/u");
        assertEquals(new PulseServer("unix:/s/native", Path.of("/s/native")),
                PulseServer.resolve("/s/native", environment).orElseThrow());
        assertEquals(new PulseServer("tcp:localhost:4713", null), PulseServer.resolve(" ", environment).orElseThrow());
        assertEquals(new PulseServer("unix:/run/u/pulse/native", Path.of("/run/u/pulse/native")),
                PulseServer.resolve("", Map.of("XDG_RUNTIME_DIR", "/run/u")).orElseThrow());
    }

    /** A PATH folder holding an executable named parec, so the probe gets as far as the server. */
    private String withParec() throws Exception {
        Path bin = Files.createDirectories(folder.resolve("bin"));
        Path parec = Files.writeString(bin.resolve("parec"), "#!/bin/sh\nexit 1\n");
        assertTrue(parec.toFile().setExecutable(true));
        return bin.toString();
    }
}
