package dev.twilight.api.media;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One raw captured picture. The plane buffers belong to the capture that produced the frame and stay valid
 * only until that capture's next {@code nextFrame()} call: consumers copy what they keep.
 *
 * @param width            picture width in pixels
 * @param height           picture height in pixels
 * @param format           layout of {@code planes}
 * @param planes           one buffer per plane, positioned at the plane's first byte
 * @param strides          bytes from one row to the next, per plane
 * @param frameNumber      the capture's running frame count, starting at 0
 * @param captureNanos     {@link System#nanoTime()} when the picture was taken; latency is measured from here
 */
public record VideoFrame(int width, int height, PixelFormat format, ByteBuffer[] planes, int[] strides,
                         long frameNumber, long captureNanos) {

    public VideoFrame {
        Objects.requireNonNull(format, "format");
        if (planes.length != format.planes() || strides.length != format.planes()) {
            throw new IllegalArgumentException(format + " needs " + format.planes() + " planes and strides");
        }
    }
}
