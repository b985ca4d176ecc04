package dev.twilight.api.capture;

import org.osgi.annotation.versioning.ConsumerType;

/** A running audio capture: one thread reads chunks, any thread may close. */
@ConsumerType
public interface AudioCapture extends AutoCloseable {

    AudioFormat format();

    /**
     * Waits for the next chunk of {@link AudioFormat#samplesPerChunk()} samples per channel and returns it
     * as interleaved PCM.
     */
    short[] nextChunk() throws CaptureException, InterruptedException;

    @Override
    void close();
}
