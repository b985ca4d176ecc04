package dev.twilight.api.media;

import java.util.Objects;

/**
 * What one video stream is asked to be: the values a client negotiates in RTSP ANNOUNCE, or a benchmark sets.
 *
 * @param width              picture width in pixels, even
 * @param height             picture height in pixels, even
 * @param fps                frames per second
 * @param bitrateKbps        target video bitrate in kilobits per second
 * @param codec              video codec
 * @param slicesPerFrame     slices per encoded picture (clients ask for 1 unless their decoder wants more)
 * @param maxReferenceFrames 0 means any (the client can do reference frame invalidation), 1 a single reference
 * @param hdr                10-bit HDR requested
 */
public record StreamConfiguration(int width, int height, int fps, int bitrateKbps, VideoCodec codec,
                                  int slicesPerFrame, int maxReferenceFrames, boolean hdr) {

    public StreamConfiguration {
        Objects.requireNonNull(codec, "codec");
        require(width >= 16 && width <= 8192 && width % 2 == 0, "width " + width + " must be even and within 16..8192");
        require(height >= 16 && height <= 8192 && height % 2 == 0, "height " + height + " must be even and within 16..8192");
        require(fps >= 1 && fps <= 480, "fps " + fps + " must be within 1..480");
        require(bitrateKbps >= 100 && bitrateKbps <= 500_000, "bitrate " + bitrateKbps + " kbps must be within 100..500000");
        require(slicesPerFrame >= 1 && slicesPerFrame <= 64, "slices per frame " + slicesPerFrame + " must be within 1..64");
        require(maxReferenceFrames >= 0 && maxReferenceFrames <= 16, "max reference frames " + maxReferenceFrames + " must be within 0..16");
    }

    /** An SDR stream with one slice per frame and no reference-frame limit. */
    public static StreamConfiguration of(int width, int height, int fps, int bitrateKbps, VideoCodec codec) {
        return new StreamConfiguration(width, height, fps, bitrateKbps, codec, 1, 0, false);
    }

    public StreamConfiguration withBitrateKbps(int kbps) {
        return new StreamConfiguration(width, height, fps, kbps, codec, slicesPerFrame, maxReferenceFrames, hdr);
    }

    public StreamConfiguration withCodec(VideoCodec newCodec) {
        return new StreamConfiguration(width, height, fps, bitrateKbps, newCodec, slicesPerFrame, maxReferenceFrames, hdr);
    }

    /** Nanoseconds between two frames at this rate. */
    public long frameIntervalNanos() {
        return 1_000_000_000L / fps;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + fps + " " + codec.displayName() + " " + bitrateKbps + " kbps"
                + (hdr ? " HDR" : "") + (slicesPerFrame > 1 ? " " + slicesPerFrame + " slices" : "");
    }
}
