package dev.twilight.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.LaunchRequest;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.Playback;
import dev.twilight.api.client.PlaybackStatistics;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.api.client.StreamPlayer;
import dev.twilight.api.client.StreamSettings;
import dev.twilight.api.client.StreamStatistics;
import dev.twilight.api.input.InputEvent;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.session.SessionListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The streaming plane end to end on loopback: the Twilight client pairs with and launches "Desktop" on the host in
 * the same framework, then plays the synthetic test pattern through RTSP, the encrypted control stream, video with
 * FEC and Opus audio, decoding every frame and reading back the frame numbers stamped into the pictures; then
 * again with simulated loss, until quitting the app ends the stream from the host's side.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamingIT {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int FPS = 60;
    private static final int BITRATE_KBPS = 8000;
    private static final String RTSP_PORT = "rtsp.port";

    @Inject
    private BundleContext context;
    @Inject
    private GameStreamClient client;
    @Inject
    private PairingService pairing;
    @Inject
    private StreamPlayer player;

    @Configuration
    public Option[] configuration() {
        return RoleOptions.role("host", RoleOptions.roleBundles("client"));
    }

    @Test
    public void playsACleanStreamThenRecoversFromLoss() throws Exception {
        HostAddress host = host();
        pair(host);
        HostApp desktop = client.appList(host).stream().filter(app -> app.title().equals("Desktop")).findFirst()
                .orElseThrow();

        LaunchResult launch = atRtspPort(client.launch(host, LaunchRequest.stereo(desktop.id(), WIDTH, HEIGHT, FPS)));
        Playback clean = player.play(host, launch, StreamSettings.of(WIDTH, HEIGHT, FPS, BITRATE_KBPS));
        clean.send(new InputEvent.MouseMove(3, -2));
        assertFalse("the stream runs until stopped", clean.awaitEnd(Duration.ofSeconds(10)).isPresent());
        assertEquals(StreamEnd.Reason.CLOSED, clean.stop().reason());
        PlaybackStatistics played = clean.statistics();
        StreamStatistics received = played.stream();
        System.out.println("Clean stream: " + played);
        assertTrue("frames arrived", received.framesComplete() > 0);
        assertEquals("no loss on loopback", 0, received.framesLost());
        assertEquals(0, received.videoPacketsLost());
        assertEquals(0, received.framesSkippedUntilKeyFrame());
        assertEquals("every frame decoded", received.framesComplete(), played.framesDecoded());
        assertEquals(0, played.decodeErrors());
        assertEquals("every picture carries its stamp", played.framesDecoded(), played.stampedFrames());
        assertEquals(0, played.stampsOutOfOrder());
        assertEquals("no frame number skipped", 0, played.stampGaps());
        assertEquals(played.stampedFrames() - 1, played.lastStamp() - played.firstStamp());
        assertTrue("the host measures its latency", received.hostLatencyP50Ms() > 0);
        assertTrue(received.hostLatencyP99Ms() >= received.hostLatencyP50Ms());
        assertTrue("audio decoded", played.audioPacketsDecoded() > 0 && played.audioSamplesDecoded() > 0);
        assertTrue("the test tone is not silence", played.audioPeak() > 0);
        assertEquals(0, received.datagramsDroppedBySimulation());

        LaunchResult resumed = atRtspPort(client.serverInfo(host).busy()
                ? client.resume(host, LaunchRequest.stereo(0, WIDTH, HEIGHT, FPS))
                : client.launch(host, LaunchRequest.stereo(desktop.id(), WIDTH, HEIGHT, FPS)));
        Playback lossy = player.play(host, resumed, StreamSettings.of(WIDTH, HEIGHT, FPS, BITRATE_KBPS)
                .withSimulatedLoss(10));
        await("a lost frame makes the client ask for a key frame", 15, () -> lossy.statistics().stream().idrRequests() > 0);
        PlaybackStatistics atRequest = lossy.statistics();
        await("decoding goes on after the host's key frame", 15, () -> lossy.statistics().framesDecoded()
                > atRequest.framesDecoded() + FPS && lossy.statistics().lastStamp() > atRequest.lastStamp());
        client.cancel(host);
        StreamEnd quit = lossy.awaitEnd(Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError(
                "quitting the app did not end the stream"));
        assertEquals(StreamEnd.Reason.HOST_ENDED, quit.reason());
        assertEquals(StreamEnd.HOST_APP_EXITED, quit.hostReason());
        PlaybackStatistics recovered = lossy.statistics();
        StreamStatistics lossyStream = recovered.stream();
        System.out.println("Stream with 10 % loss: " + recovered);
        assertTrue(lossyStream.datagramsDroppedBySimulation() > 0);
        assertTrue("parity rebuilt frames", lossyStream.framesRecoveredByFec() > 0);
        assertTrue("parity rebuilt audio", lossyStream.audioPacketsRecovered() > 0);
        assertTrue(lossyStream.framesLost() > 0);
        assertEquals("frames after a loss wait for the key frame; all others decode",
                lossyStream.framesComplete() - lossyStream.framesSkippedUntilKeyFrame(), recovered.framesDecoded());
        assertEquals(0, recovered.decodeErrors());
        assertEquals("stamps only go up", 0, recovered.stampsOutOfOrder());
        assertEquals(recovered.framesDecoded(), recovered.stampedFrames());

        assertFalse(client.serverInfo(host).busy());
    }

    /**
     * The session URL names the RTSP port a host has by convention (nvhttp + 21); the test's host listens on one
     * the system picked, which its {@code SessionListener} service names.
     */
    private LaunchResult atRtspPort(LaunchResult launch) throws InvalidSyntaxException {
        ServiceReference<SessionListener> rtsp = context.getServiceReferences(SessionListener.class,
                "(" + RTSP_PORT + "=*)").iterator().next();
        String url = launch.sessionUrl().replaceAll(":\\d+$", ":" + rtsp.getProperty(RTSP_PORT));
        return new LaunchResult(url, launch.remoteInputKey(), launch.remoteInputKeyId());
    }

    private void pair(HostAddress host) throws Exception {
        String pin = client.newPin();
        CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> {
            try {
                client.pair(host, pin, Duration.ofSeconds(20));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("the pairing attempt waits for its PIN", 10, () -> !pairing.pending().isEmpty());
        assertTrue(pairing.submitPin(pin, "Streaming test").accepted());
        attempt.get(30, TimeUnit.SECONDS);
    }

    private HostAddress host() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            ServiceReference<PairingService> reference = context.getServiceReference(PairingService.class);
            if (reference != null && reference.getProperty("nvhttp.port") != null) {
                return new HostAddress("127.0.0.1", (Integer) reference.getProperty("nvhttp.port"),
                        (Integer) reference.getProperty("nvhttp.https.port"));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the nvhttp server did not come up");
    }

    private static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
