package dev.twilight.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.javacpp.BytePointer;

/** Turns FFmpeg's negative return codes into sentences. */
public final class FfmpegErrors {

    /** AVERROR(EAGAIN): the presets do not map the macro, and EAGAIN is 11 on Linux. */
    public static final int AGAIN = -11;

    private FfmpegErrors() {
    }

    public static String describe(int errorCode) {
        try (BytePointer buffer = new BytePointer(256)) {
            if (av_strerror(errorCode, buffer, buffer.capacity()) < 0) {
                return "FFmpeg error " + errorCode;
            }
            return buffer.getString() + " (" + errorCode + ")";
        }
    }
}
