package dev.twilight.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * A decoded picture as the decoder left it: a new reference to its planes in FFmpeg's buffers, nothing copied, so
 * that a sink pays for the pictures it uses only ({@link RgbScaler} converts them). The decoder cannot reuse the
 * buffer until the picture is closed. Owned by one thread at a time.
 */
public final class DecodedPicture implements AutoCloseable {

    private AVFrame frame;
    private final long decodedNanos;

    DecodedPicture(AVFrame frame, long decodedNanos) {
        this.frame = frame;
        this.decodedNanos = decodedNanos;
    }

    public int width() {
        return frame.width();
    }

    public int height() {
        return frame.height();
    }

    /** {@link System#nanoTime()} when the decoder returned it. */
    public long decodedNanos() {
        return decodedNanos;
    }

    AVFrame frame() {
        if (frame == null) {
            throw new IllegalStateException("the picture was closed");
        }
        return frame;
    }

    /** Lets go of the decoder's buffer; closing again does nothing. */
    @Override
    public void close() {
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
    }
}
