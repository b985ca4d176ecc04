package dev.twilight.capture.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToneSourceTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 6, 8})
    void everyChannelCarriesTheSameContinuousSine(int channels) throws Exception {
        ToneSource source = new ToneSource();
        try (AudioCapture capture = source.open(new AudioFormat(48_000, channels, 5))) {
            for (int chunk = 0; chunk < 3; chunk++) {
                short[] pcm = capture.nextChunk();
                assertEquals(240 * channels, pcm.length);
                for (int i = 0; i < 240; i++) {
                    long sample = chunk * 240L + i;
                    short expected = (short) Math.round(ToneCapture.AMPLITUDE
                            * Math.sin(2 * Math.PI * ToneCapture.FREQUENCY_HZ * sample / 48_000));
                    for (int channel = 0; channel < channels; channel++) {
                        assertEquals(expected, pcm[i * channels + channel], "sample " + sample + ", channel " + channel);
                    }
                }
            }
        }
    }

    @Test
    void stoppingTheSourceEndsAWaitingReadAndLaterOnes() throws Exception {
        ToneSource source = new ToneSource();
        // one-second chunks: the second read waits long enough to be ended by the deactivation
        AudioCapture capture = source.open(new AudioFormat(48_000, 2, 1_000));
        capture.nextChunk();
        CompletableFuture<short[]> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return capture.nextChunk();
            } catch (CaptureException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        source.deactivate();
        ExecutionException ended = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertTrue(ended.getCause().getCause() instanceof CaptureException, ended.toString());
        assertThrows(CaptureException.class, capture::nextChunk);
    }
}
