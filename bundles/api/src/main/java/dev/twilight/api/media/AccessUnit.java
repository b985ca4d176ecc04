package dev.twilight.api.media;

import java.util.Objects;

/**
 * One encoded picture in Annex B byte-stream form, as an encoder delivered it.
 *
 * @param codec          codec of {@code data}
 * @param data           the access unit; IDR units start with in-band parameter sets (SPS/PPS, or VPS/SPS/PPS)
 * @param keyFrame       true for an IDR picture a decoder can start from
 * @param frameNumber    the pipeline's running number of the picture within its stream, gapless across
 *                       encoder and capture switches
 * @param captureNanos   {@link System#nanoTime()} of the capture; the transport derives host latency from it
 * @param encodedNanos   {@link System#nanoTime()} when the encoder returned it
 * @param encoderName    which encoder produced it, e.g. {@code x264}
 */
public record AccessUnit(VideoCodec codec, byte[] data, boolean keyFrame, long frameNumber, long captureNanos,
                         long encodedNanos, String encoderName) {

    public AccessUnit {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(encoderName, "encoderName");
    }

    /** Time from capture to the end of encoding, in nanoseconds. */
    public long hostLatencyNanos() {
        return encodedNanos - captureNanos;
    }
}
