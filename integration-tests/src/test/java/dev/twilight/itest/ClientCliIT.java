package dev.twilight.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.input.InputEvent;
import dev.twilight.api.input.InputSink;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.testing.xvfb.Xvfb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.bytedeco.ffmpeg.global.avcodec;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The client role as a user runs it, against a host: the host runs in this framework (so the test can watch its
 * sessions and pipeline), each {@code ./twilight client ...} in a process of its own, everything on loopback.
 * Covers pairing, listing, a 10 s 720p60 stream read back frame by frame, pause and resume, quitting, the strict
 * policy's refusal as the user sees it, clients that vanish under both policies, quitting under lenient with
 * several clients watching, a stream with simulated loss that FEC and key-frame requests repair, and a stream in
 * a window on a virtual X server of the test's own, typed into, and recorded into a file FFmpeg reads back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientCliIT {

    private static final long PING_TIMEOUT_MS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext context;
    @Inject
    private PairingService pairing;
    @Inject
    private SessionManager sessions;
    @Inject
    private VideoPipeline pipeline;
    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Path work;
    private String host;

    @Configuration
    public Option[] configuration() {
        return RoleOptions.role("host", RoleOptions.xvfbSupport(), RoleOptions.mediaCodecSupport(),
                systemProperty("twilight.repository.root").value(System.getProperty("twilight.repository.root")),
                systemProperty("twilight.it.work").value(System.getProperty("twilight.it.work")));
    }

    @Before
    public void prepare() throws Exception {
        HostFixture.setSessions(configurationAdmin, sessions, "lenient", PING_TIMEOUT_MS);
        sessions.liveSessions().forEach(session -> sessions.forceDisconnect(session.id(), "test reset"));
        HostFixture.await("no session is left from another test", 10, () -> sessions.liveSessions().isEmpty());
        HostAddress address = HostFixture.host(context);
        host = "127.0.0.1:" + address.httpPort();
        work = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("twilight.it.work"))),
                "client-cli");
    }

    @Test
    public void pairListStreamEveryFramePauseResumeAndQuit() throws Exception {
        Path state = pairedClient("Laptop");
        try (ClientProcess list = ClientProcess.run(state, "list", host)) {
            assertEquals(list.output(), 0, list.exitCode(5));
            assertTrue(list.output(), list.output().contains("Desktop"));
        }

        Path stats = work.resolve("stream.json");
        AtomicLong hostFramesEncoded = new AtomicLong();
        try (ClientProcess stream = ClientProcess.start(state, "stream", host, "Desktop", "--headless", "--resolution", "1280x720",
                "--fps", "60", "--seconds", "10", "--stats-json", stats.toString())) {
            stream.awaitLine("the launch", 30, line -> line.startsWith("Launched 'Desktop'"));
            // what the host encoded, sampled until the client is done
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (stream.isAlive() && System.nanoTime() < deadline) {
                pipeline.streams().stream().map(VideoStream::status)
                        .forEach(status -> hostFramesEncoded.set(status.framesEncoded()));
                Thread.sleep(50);
            }
            assertEquals(stream.output(), 0, stream.exitCode(5));
            assertTrue(stream.output(), stream.output().contains("keeps running"));
        }
        JsonNode report = JSON.readTree(stats.toFile());
        JsonNode playback = report.get("statistics");
        JsonNode network = playback.get("stream");
        long decoded = playback.get("framesDecoded").asLong();
        assertTrue("about 10 s at 60 fps: " + playback, decoded > 300);
        assertEquals("every frame received was decoded: " + playback, network.get("framesComplete").asLong(), decoded);
        assertEquals(playback.toString(), 0, playback.get("decodeErrors").asLong());
        assertEquals("every decoded picture carries its stamp: " + playback, decoded,
                playback.get("stampedFrames").asLong());
        assertEquals("stamps in order: " + playback, 0, playback.get("stampsOutOfOrder").asLong());
        assertEquals("no frame missing: " + playback, 0, playback.get("stampGaps").asLong());
        assertEquals(playback.toString(), decoded,
                playback.get("lastStamp").asLong() - playback.get("firstStamp").asLong() + 1);
        assertEquals(network.toString(), 0, network.get("framesLost").asLong());
        assertEquals(network.toString(), 0, network.get("videoPacketsLost").asLong());
        assertTrue("the host's count agrees (" + hostFramesEncoded + " encoded): " + playback,
                Math.abs(hostFramesEncoded.get() - decoded) <= 30);
        assertTrue("the host reports its processing latency: " + network,
                network.get("hostLatencyP50Ms").asDouble() > 0);
        assertTrue("audio decoded: " + playback, playback.get("audioPacketsDecoded").asLong() > 500);
        assertEquals(playback.toString(), 0, playback.get("audioDecodeErrors").asLong());
        assertTrue("the test tone is audible: " + playback, playback.get("audioPeak").asInt() > 1000);
        assertEquals("CLOSED", report.get("end").get("reason").asText());

        // the app kept running: the next stream resumes it
        HostFixture.await("the paused stream has ended on the host", 10, () -> sessions.liveSessions().isEmpty());
        int appId = sessions.currentAppId();
        assertTrue("the app still runs", appId != 0);
        try (ClientProcess resume = ClientProcess.run(state, "stream", host, "Desktop", "--headless", "--resolution", "640x360",
                "--seconds", "2")) {
            assertEquals(resume.output(), 0, resume.exitCode(5));
            assertTrue(resume.output(), resume.output().contains("Resuming 'Desktop'"));
            assertTrue(resume.output(), resume.output().matches("(?s).*video: [1-9]\\d* frames decoded.*"));
        }
        try (ClientProcess quit = ClientProcess.run(state, "quit", host)) {
            assertEquals(quit.output(), 0, quit.exitCode(5));
        }
        assertEquals("nothing runs after quit", 0, sessions.currentAppId());
        try (ClientProcess status = ClientProcess.run(state, "status", host)) {
            assertTrue(status.output(), status.output().contains("running: nothing"));
        }
    }

    @Test
    public void strictRefusesToQuitUnderALiveStreamThenReapsTheClientThatVanished() throws Exception {
        Path state = pairedClient("Phone");
        HostFixture.setSessions(configurationAdmin, sessions, "strict", PING_TIMEOUT_MS);
        try (ClientProcess stream = streamUntilKilled(state)) {
            try (ClientProcess quit = ClientProcess.run(state, "quit", host)) {
                assertEquals(quit.output(), 1, quit.exitCode(5));
                assertTrue(quit.output(), quit.output().contains("503"));
                assertTrue(quit.output(), quit.output().contains("All sessions must be disconnected"));
            }
            assertVanishedClientIsReaped(stream);
        }
        try (ClientProcess quit = ClientProcess.run(state, "quit", host)) {
            assertEquals("with the stream reaped, strict lets the app quit: " + quit.output(), 0, quit.exitCode(5));
        }
    }

    @Test
    public void lenientReapsAVanishedClientAndQuitEndsEveryStreamFirst() throws Exception {
        Path first = pairedClient("Tablet");
        Path second = pairedClient("Television");
        try (ClientProcess stream = streamUntilKilled(first)) {
            assertVanishedClientIsReaped(stream);
        }
        Path firstStats = work.resolve("first.json");
        Path secondStats = work.resolve("second.json");
        try (ClientProcess watching = streamUntilKilled(first, "--stats-json", firstStats.toString());
             ClientProcess alsoWatching = streamUntilKilled(second, "--stats-json", secondStats.toString())) {
            HostFixture.await("both clients stream", 20, () -> streaming().size() == 2);
            try (ClientProcess quit = ClientProcess.run(second, "quit", host)) {
                assertEquals(quit.output(), 0, quit.exitCode(10));
            }
            // the host told each client why before it answered the quit
            for (ClientProcess client : List.of(watching, alsoWatching)) {
                assertEquals(client.output(), 0, client.exitCode(10));
                assertTrue(client.output(), client.output().contains("Stream ended"));
            }
            for (Path stats : List.of(firstStats, secondStats)) {
                JsonNode end = JSON.readTree(stats.toFile()).get("end");
                assertEquals(end.toString(), "HOST_ENDED", end.get("reason").asText());
            }
        }
        assertEquals(0, sessions.currentAppId());
    }

    @Test
    public void simulatedLossIsRepairedByFecAndKeyFrames() throws Exception {
        Path state = pairedClient("Handheld");
        Path stats = work.resolve("loss.json");
        try (ClientProcess stream = ClientProcess.run(state, "stream", host, "Desktop", "--headless", "--resolution", "1280x720",
                "--fps", "60", "--seconds", "8", "--simulate-loss", "10", "--quit-after", "--stats-json",
                stats.toString())) {
            assertEquals(stream.output(), 0, stream.exitCode(5));
        }
        JsonNode playback = JSON.readTree(stats.toFile()).get("statistics");
        JsonNode network = playback.get("stream");
        assertTrue("datagrams were dropped: " + network, network.get("datagramsDroppedBySimulation").asLong() > 100);
        assertTrue("FEC rebuilt frames: " + network, network.get("framesRecoveredByFec").asLong() > 0);
        assertTrue("audio FEC rebuilt packets: " + network, network.get("audioPacketsRecovered").asLong() > 0);
        if (network.get("framesLost").asLong() > 0) {
            assertTrue("lost frames led to key-frame requests: " + network, network.get("idrRequests").asLong() > 0);
        }
        assertEquals("what was shown is in order: " + playback, 0, playback.get("stampsOutOfOrder").asLong());
        assertEquals(playback.toString(), 0, playback.get("decodeErrors").asLong());
        assertTrue("decoding went on to the end: " + playback, playback.get("framesDecoded").asLong() > 200);
    }

    @Test
    public void aWindowShowsThePatternSendsTheKeysTypedIntoItAndTheRecordingPlaysBack() throws Exception {
        Path state = pairedClient("Workstation");
        RecordingInputSink input = new RecordingInputSink();
        ServiceRegistration<InputSink> registration = context.registerService(InputSink.class, input, null);
        Path recording = work.resolve("window.mkv");
        Path stats = work.resolve("window.json");
        Map<String, String> checks;
        try (Xvfb xvfb = Xvfb.start(1280, 800, work.resolve("xvfb.log"));
             ClientProcess stream = ClientProcess.start(Map.of("DISPLAY", xvfb.display()), state, "stream", host,
                     "Desktop", "--resolution", "1280x720", "--window", "--seconds", "12", "--record",
                     recording.toString(), "--stats-json", stats.toString())) {
            stream.awaitLine("the first status line", 30, line -> line.contains("fps received"));
            checks = windowChecks(xvfb.display());
            HostFixture.await("the host gets the A typed into the window, down and up", 10,
                    () -> input.events().containsAll(List.of(new InputEvent.Key(true, 0x41, 0),
                            new InputEvent.Key(false, 0x41, 0))));
            assertEquals(stream.output(), 0, stream.exitCode(30));
        } finally {
            registration.unregister();
        }
        assertEquals("the six saturated bars are on the screen: " + checks, "6", checks.get("hues"));
        assertTrue("a picture, not a blank screen: " + checks, Integer.parseInt(checks.get("colours")) >= 8);

        JsonNode playback = JSON.readTree(stats.toFile()).get("statistics");
        long decoded = playback.get("framesDecoded").asLong();
        long rendered = playback.get("framesRendered").asLong();
        assertTrue("the window drew pictures: " + playback, rendered > 60);
        assertTrue("no picture is drawn twice or counted twice: " + playback,
                rendered + playback.get("framesDroppedByRenderer").asLong() <= decoded);

        RecordingReadback file = RecordingReadback.of(recording);
        assertEquals(avcodec.AV_CODEC_ID_H264, file.codecId());
        assertEquals(1280, file.width());
        assertEquals(720, file.height());
        assertTrue("seconds of video recorded: " + file.packetMillis().size(), file.packetMillis().size() > 300);
        assertEquals("every packet decodes", file.packetMillis().size(), file.stamps().size());
        for (int i = 1; i < file.stamps().size(); i++) {
            assertTrue("stamps increase at " + i + ": " + file.stamps(), file.stamps().get(i) > file.stamps().get(i - 1));
            assertTrue("times increase at " + i, file.packetMillis().get(i) > file.packetMillis().get(i - 1));
        }
    }

    /** Runs {@link WindowChecks} in a JVM on {@code display} and returns its results. */
    private Map<String, String> windowChecks(String display) throws Exception {
        Path log = work.resolve("window-checks.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WindowChecks.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISPLAY", display);
        Process checks = builder.start();
        if (!checks.waitFor(60, TimeUnit.SECONDS)) {
            checks.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Map<String, String> results = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("result ")) {
                int equals = line.indexOf('=');
                results.put(line.substring("result ".length(), equals), line.substring(equals + 1));
            }
        }
        assertEquals("the checks typed A; they printed:\n" + output, "A", results.get("typed"));
        return results;
    }

    /** A client state folder paired with the host through the CLI, the PIN entered on the host. */
    private Path pairedClient(String name) throws Exception {
        Path state = Files.createDirectories(work.resolve(name));
        try (ClientProcess pair = ClientProcess.start(state, "pair", host, "--timeout", "30")) {
            String line = pair.awaitLine("the PIN", 30, text -> text.startsWith("PIN "));
            String pin = line.substring(4, 8);
            HostFixture.await("the pairing attempt reaches the host", 10, () -> !pairing.pending().isEmpty());
            assertTrue(pairing.submitPin(pin, name).accepted());
            assertEquals(pair.output(), 0, pair.exitCode(30));
            assertTrue(pair.output(), pair.output().contains("Paired with"));
        }
        return state;
    }

    /** Starts a low-resolution stream with no end of its own and waits until the host sees it streaming. */
    private ClientProcess streamUntilKilled(Path state, String... extra) throws Exception {
        int before = streaming().size();
        String[] verb = new String[6 + extra.length];
        System.arraycopy(new String[] {"stream", host, "Desktop", "--headless", "--resolution", "640x360"}, 0, verb, 0,
                6);
        System.arraycopy(extra, 0, verb, 6, extra.length);
        ClientProcess stream = ClientProcess.start(state, verb);
        stream.awaitLine("the first status line", 30, line -> line.contains("fps received"));
        HostFixture.await("the host streams to the new client", 10, () -> streaming().size() > before);
        return stream;
    }

    /** Kills the streaming client and checks the host ends its session within the ping timeout and a second. */
    private void assertVanishedClientIsReaped(ClientProcess stream) throws Exception {
        List<StreamSession> live = streaming();
        assertFalse(live.isEmpty());
        long killed = System.nanoTime();
        stream.vanish();
        HostFixture.await("the host reaps the vanished client", 10, () -> streaming().isEmpty());
        long reapedMs = (System.nanoTime() - killed) / 1_000_000;
        assertTrue("reaped after " + reapedMs + " ms, within ping timeout + 1 s",
                reapedMs <= PING_TIMEOUT_MS + 1000);
        StreamSession ended = sessions.recentSessions().stream()
                .filter(session -> session.id().equals(live.get(0).id())).findFirst().orElseThrow();
        assertEquals(SessionState.ENDED, ended.state());
        assertTrue(ended.history().toString(), ended.history().stream()
                .anyMatch(event -> event.what().contains("timeout")));
        HostFixture.await("the host closed the stream's pipeline", 5, () -> pipeline.streams().isEmpty());
    }

    private List<StreamSession> streaming() {
        return sessions.liveSessions().stream().filter(session -> session.state() == SessionState.STREAMING)
                .toList();
    }
}
