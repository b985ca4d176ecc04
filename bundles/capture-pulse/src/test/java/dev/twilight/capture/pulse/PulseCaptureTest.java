package dev.twilight.capture.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import dev.twilight.capture.pulse.PulseDaemon.Sink;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source against a real PulseAudio daemon of the test's own ({@link PulseDaemon}, a fresh one per test):
 * tones played into a null sink must come out of the capture of its monitor on the right channels.
 */
class PulseCaptureTest {

    /** GameStream's channel order (FL FR FC LFE BL BR SL SR) in PulseAudio's names: what the capture must give. */
    private static final List<String> GAMESTREAM_ORDER = List.of("front-left", "front-right", "front-center", "lfe",
            "rear-left", "rear-right", "side-left", "side-right");
    /** One tone per GameStream channel, in that order, each a whole number of periods per window. */
    private static final int[] TONES = {440, 660, 880, 110, 550, 770, 990, 1210};
    /** 200 ms of 5 ms chunks. */
    private static final int WINDOW_CHUNKS = 40;
    private static final long TONE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path folder;
    private PulseDaemon daemon;

    @BeforeEach
    void startDaemon() throws Exception {
        daemon = PulseDaemon.start(folder);
    }

    @AfterEach
    void stopDaemon() throws InterruptedException {
        daemon.close();
    }

    @Test
    void theDefaultSinksMonitorCarriesBothStereoChannels() throws Exception {
        daemon.play(PulseDaemon.STEREO, TONES[0], TONES[1]);
        try (AudioCapture capture = source("").open(format(2))) {
            assertChannels(toneWindow(capture), 2, TONES[0], TONES[1]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 8})
    void aSurroundSinkInAlsaOrderComesOutInGameStreamOrder(int channels) throws Exception {
        Sink sink = channels == 6 ? PulseDaemon.SURROUND_51 : PulseDaemon.SURROUND_71;
        int[] inSinkOrder = Arrays.stream(sink.positions().split(","))
                .mapToInt(position -> TONES[GAMESTREAM_ORDER.indexOf(position)]).toArray();
        daemon.play(sink, inSinkOrder);
        try (AudioCapture capture = source(sink.monitor()).open(format(channels))) {
            assertChannels(toneWindow(capture), channels, Arrays.copyOf(TONES, channels));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void aToneOnlyOnFrontLeftComesOutOnlyOnFrontLeft(int channels) throws Exception {
        daemon.play(PulseDaemon.SURROUND_51, TONES[0], 0, 0, 0, 0, 0);
        try (AudioCapture capture = source(PulseDaemon.SURROUND_51.monitor()).open(format(channels))) {
            int[] expected = new int[channels];
            expected[0] = TONES[0];
            assertChannels(toneWindow(capture), channels, expected);
        }
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingRead() throws Exception {
        AudioCapture capture = source("").open(format(2));
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try {
                while (true) {
                    capture.nextChunk();
                }
            } catch (CaptureException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        capture.close();
        ExecutionException ended = assertThrows(ExecutionException.class, () -> reading.get(5, TimeUnit.SECONDS));
        CaptureException reason = assertInstanceOf(CaptureException.class, ended.getCause().getCause());
        assertTrue(reason.getMessage().contains("was closed"), reason.getMessage());
        assertThrows(CaptureException.class, capture::nextChunk);
    }

    @Test
    void stoppingTheSourceEndsItsCaptures() throws Exception {
        PulseSource source = source("");
        AudioCapture capture = source.open(format(2));
        capture.nextChunk();
        source.deactivate();
        assertThrows(CaptureException.class, capture::nextChunk);
    }

    @Test
    void aServerThatGoesAwayEndsTheCaptureWithItsMessage() throws Exception {
        try (AudioCapture capture = source("").open(format(2))) {
            capture.nextChunk();
            daemon.kill();
            CaptureException lost = assertThrows(CaptureException.class, () -> {
                // what was captured before the server died may still come; the end follows within a bounded time
                for (long deadline = System.nanoTime() + TONE_WAIT_NANOS; System.nanoTime() < deadline; ) {
                    capture.nextChunk();
                }
            });
            assertTrue(lost.getMessage().contains("ended: parec exited with code 1 (")
                    && lost.getMessage().contains(daemon.server()), lost.getMessage());
        }
    }

    @Test
    void aSourceTheServerDoesNotKnowFailsToOpenWithTheServersMessage() {
        CaptureException refused = assertThrows(CaptureException.class,
                () -> source("nosuch.monitor").open(format(2)));
        assertTrue(refused.getMessage().contains("nosuch.monitor at " + daemon.server())
                && refused.getMessage().contains("parec exited with code 1 ("), refused.getMessage());
    }

    private PulseSource source(String monitor) {
        PulseSource source = new PulseSource(new TestConfig(true, daemon.server(), monitor), System.getenv());
        assertTrue(source.probe().available(), source.probe().toString());
        return source;
    }

    private static AudioFormat format(int channels) {
        return new AudioFormat(Tones.SAMPLE_RATE, channels, 5);
    }

    /** The first whole window after the front-left tone reached the capture (the server takes a moment). */
    private static short[] toneWindow(AudioCapture capture) throws Exception {
        int channels = capture.format().channels();
        long deadline = System.nanoTime() + TONE_WAIT_NANOS;
        while (Tones.level(window(capture), channels, 0, TONES[0]) < Tones.AMPLITUDE / 10) {
            if (System.nanoTime() > deadline) {
                fail("the tone played into the sink did not reach the capture within 10 s");
            }
        }
        return window(capture);
    }

    private static short[] window(AudioCapture capture) throws Exception {
        short[] first = capture.nextChunk();
        short[] window = Arrays.copyOf(first, first.length * WINDOW_CHUNKS);
        for (int chunk = 1; chunk < WINDOW_CHUNKS; chunk++) {
            System.arraycopy(capture.nextChunk(), 0, window, chunk * first.length, first.length);
        }
        return window;
    }

    /**
     * Each channel carries its expected tone clearly and none of the others (0: silence). The bounds leave room
     * for the server's down-mix, which lowers a channel mixed with others.
     */
    private static void assertChannels(short[] window, int channels, int... expected) {
        assertEquals(channels, expected.length);
        for (int channel = 0; channel < channels; channel++) {
            for (int tone : TONES) {
                double level = Tones.level(window, channels, channel, tone);
                String where = "channel " + channel + ", " + tone + " Hz: level " + level;
                if (tone == expected[channel]) {
                    assertTrue(level > Tones.AMPLITUDE / 4, where);
                } else {
                    assertTrue(level < Tones.AMPLITUDE / 100, where);
                }
            }
        }
    }
}
