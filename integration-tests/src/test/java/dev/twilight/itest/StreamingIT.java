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
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.input.InputSink;
import dev.twilight.api.pairing.PairingService;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The streaming plane end to end on loopback: the Twilight client pairs with and launches "Desktop" on the host in
 * the same framework, then plays the synthetic test pattern through RTSP, the encrypted control stream, video with
 * FEC and Opus audio, decoding every frame and reading back the frame numbers stamped into the pictures, while the
 * client's keyboard and mouse input reaches the host's input sinks; then again with simulated loss, until quitting
 * the app ends the stream from the host's side. The same through separate processes, at length and with the
 * policies, is {@link ClientCliIT}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamingIT {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int FPS = 60;
    private static final int BITRATE_KBPS = 8000;

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
    public void playsACleanStreamWithInputThenRecoversFromLoss() throws Exception {
        HostAddress host = HostFixture.host(context);
        HostFixture.pair(client, pairing, host, "Streaming test");
        HostApp desktop = client.appList(host).stream().filter(app -> app.title().equals("Desktop")).findFirst()
                .orElseThrow();

        // 5.1 here (stereo is what ClientCliIT streams): the client decodes with the layout the host advertised
        LaunchResult launch = client.launch(host, new LaunchRequest(desktop.id(), WIDTH, HEIGHT, FPS, false,
                LaunchRequest.surroundAudioInfo(6), false));
        RecordingInputSink sink = new RecordingInputSink();
        ServiceRegistration<InputSink> registration = context.registerService(InputSink.class, sink, null);
        Playback clean = player.play(host, launch, new StreamSettings(WIDTH, HEIGHT, FPS, BITRATE_KBPS,
                VideoCodec.H264, StreamSettings.DEFAULT_PACKET_SIZE, 6, 5, 0));
        List<InputEvent> typed = List.of(new InputEvent.Key(true, 0x41, 0), new InputEvent.Key(false, 0x41, 0),
                new InputEvent.MouseMove(3, -2), new InputEvent.MouseButton(true, 1),
                new InputEvent.MouseButton(false, 1), new InputEvent.Scroll(false, -120));
        typed.forEach(clean::send);
        HostFixture.await("the host's input sink gets the client's input", 10, () -> sink.events().equals(typed));
        registration.unregister();
        assertFalse("the stream runs until stopped", clean.awaitEnd(Duration.ofSeconds(3)).isPresent());
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
        assertTrue("5.1 audio decoded", played.audioPacketsDecoded() > 0 && played.audioSamplesDecoded() > 0);
        assertEquals("every surround packet decoded", 0, played.audioDecodeErrors());
        assertTrue("the test tone is not silence", played.audioPeak() > 0);
        assertEquals(0, received.datagramsDroppedBySimulation());

        LaunchResult resumed = client.serverInfo(host).busy()
                ? client.resume(host, LaunchRequest.stereo(0, WIDTH, HEIGHT, FPS))
                : client.launch(host, LaunchRequest.stereo(desktop.id(), WIDTH, HEIGHT, FPS));
        Playback lossy = player.play(host, resumed, StreamSettings.of(WIDTH, HEIGHT, FPS, BITRATE_KBPS)
                .withSimulatedLoss(10));
        HostFixture.await("a lost frame makes the client ask for a key frame", 15, () -> lossy.statistics().stream().idrRequests() > 0);
        PlaybackStatistics atRequest = lossy.statistics();
        HostFixture.await("decoding goes on after the host's key frame", 15, () -> lossy.statistics().framesDecoded()
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
}
