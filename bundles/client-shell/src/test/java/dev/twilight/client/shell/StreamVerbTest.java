package dev.twilight.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.HostInfo;
import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.Playback;
import dev.twilight.api.client.StreamPlayer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What the stream verb refuses before it launches anything on the host. */
class StreamVerbTest {

    private static final StreamPlayer NEVER_PLAYS = (host, launch, settings, outputs) -> {
        throw new AssertionError("nothing may play");
    };

    @Test
    void aCodecTheHostDoesNotOfferIsRefusedBeforeTheAppIsLaunched() throws Exception {
        Run run = stream(new Host(true, 0x101), "Desktop", "--codec", "av1");
        assertEquals(ClientCommandLine.FAILED, run.exitCode());
        assertTrue(run.errors().contains("vm does not stream AV1; ask for --codec h264 or --codec hevc"), run.errors());
    }

    @Test
    void anUnpairedHostOrAnUnknownAppIsNamedWithTheRemedy() throws Exception {
        Run unpaired = stream(new Host(false, 0x1), "Desktop");
        assertEquals(ClientCommandLine.FAILED, unpaired.exitCode());
        assertTrue(unpaired.errors().contains("run './twilight client pair pc' first"), unpaired.errors());

        Run unknown = stream(new Host(true, 0x1), "Doom");
        assertEquals(ClientCommandLine.FAILED, unknown.exitCode());
        assertTrue(unknown.errors().contains("vm has no app 'Doom'; it offers: Desktop"), unknown.errors());
    }

    private record Run(int exitCode, String errors) {
    }

    private static Run stream(Host host, String app, String... options) throws Exception {
        String[] line = new String[2 + options.length];
        line[0] = "pc";
        line[1] = app;
        System.arraycopy(options, 0, line, 2, options.length);
        StreamVerb.Request request = StreamVerb.Request.parse(VerbArguments.parse("stream", List.of(line),
                StreamVerb.VALUE_OPTIONS, StreamVerb.FLAGS));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Set<Playback> playing = ConcurrentHashMap.newKeySet();
        int exitCode = new StreamVerb(host, NEVER_PLAYS, new StatusLine(false), playing).run(request,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
        return new Run(exitCode, errors.toString(StandardCharsets.UTF_8));
    }

    /** A host named "vm" offering Desktop, which must never be asked to launch or resume it. */
    private record Host(boolean paired, long codecModeSupport) implements ClientStub {

        @Override
        public HostInfo serverInfo(HostAddress host) {
            return new HostInfo("vm", "uuid", "7.1.431.-1", "3.23.0.74", 47984, codecModeSupport, paired, 0, false);
        }

        @Override
        public List<HostApp> appList(HostAddress host) {
            return List.of(new HostApp(1, "Desktop", false));
        }

        @Override
        public LaunchResult launch(HostAddress host, LaunchRequest request) {
            throw new AssertionError("nothing may be launched");
        }

        @Override
        public LaunchResult resume(HostAddress host, LaunchRequest request) {
            throw new AssertionError("nothing may be resumed");
        }

        @Override
        public boolean isPaired(HostAddress host) {
            return paired;
        }
    }
}
