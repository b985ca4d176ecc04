package dev.twilight.api.capture;

/**
 * The picture size and rate a capture is opened with.
 *
 * @param width  pixels, even
 * @param height pixels, even
 * @param fps    frames per second
 */
public record VideoMode(int width, int height, int fps) {

    public VideoMode {
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0 || fps < 1) {
            throw new IllegalArgumentException("invalid video mode " + width + "x" + height + "@" + fps
                    + ": width and height must be even and at least 16, fps at least 1");
        }
    }

    public long frameIntervalNanos() {
        return 1_000_000_000L / fps;
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + fps;
    }
}
