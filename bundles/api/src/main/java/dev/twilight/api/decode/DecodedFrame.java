package dev.twilight.api.decode;

import dev.twilight.api.media.FrameStamp;
import java.util.Optional;

/**
 * A decoded picture with its luma plane copied out, and the test-pattern stamp when the picture carries one.
 *
 * @param width       pixels
 * @param height      pixels
 * @param keyFrame    the decoder marked it as a key frame
 * @param luma        the Y plane, {@code width * height} bytes, row after row
 * @param stamp       the frame stamp read back from the picture, if it carries a valid one
 * @param decodedNanos {@link System#nanoTime()} when the decoder returned it
 */
public record DecodedFrame(int width, int height, boolean keyFrame, byte[] luma, Optional<FrameStamp> stamp,
                           long decodedNanos) {
}
