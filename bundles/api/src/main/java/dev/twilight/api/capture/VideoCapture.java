package dev.twilight.api.capture;

import dev.twilight.api.media.VideoFrame;
import org.osgi.annotation.versioning.ConsumerType;

/** A running capture. One thread calls {@link #nextFrame()}; any thread may call {@link #close()}. */
@ConsumerType
public interface VideoCapture extends AutoCloseable {

    VideoMode mode();

    /**
     * Waits until the next frame is due at the capture rate and returns it. The frame's buffers stay valid
     * until the next call.
     *
     * @throws CaptureException     when the capture has been closed or its source went away
     * @throws InterruptedException when the calling thread is interrupted
     */
    VideoFrame nextFrame() throws CaptureException, InterruptedException;

    /** Stops capturing and frees what the capture holds. Idempotent. */
    @Override
    void close();
}
