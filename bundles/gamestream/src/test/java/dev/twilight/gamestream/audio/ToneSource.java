package dev.twilight.gamestream.audio;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioCaptureSource;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import dev.twilight.api.media.Availability;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An audio capture source for tests: {@link Tones} paced by sleeping one chunk's duration; {@link #close()} closes
 * its captures, as a source's bundle does when it stops.
 */
final class ToneSource implements AudioCaptureSource {

    private final String name;
    private final Set<AudioCapture> open = ConcurrentHashMap.newKeySet();

    ToneSource(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test tones";
    }

    @Override
    public Availability probe() {
        return Availability.available("in memory");
    }

    @Override
    public AudioCapture open(AudioFormat format) {
        AudioCapture capture = new AudioCapture() {
            private volatile boolean closed;
            private long next;

            @Override
            public AudioFormat format() {
                return format;
            }

            @Override
            public short[] nextChunk() throws CaptureException, InterruptedException {
                Thread.sleep(format.frameDurationMs());
                if (closed) {
                    throw new CaptureException("closed");
                }
                short[] chunk = Tones.chunk(format.channels(), next, format.samplesPerChunk());
                next += format.samplesPerChunk();
                return chunk;
            }

            @Override
            public void close() {
                closed = true;
                open.remove(this);
            }
        };
        open.add(capture);
        return capture;
    }

    void close() {
        List.copyOf(open).forEach(AudioCapture::close);
    }
}
