package dev.twilight.api.capture;

/**
 * Interleaved signed 16-bit PCM.
 *
 * @param sampleRate     samples per second per channel (GameStream uses 48000)
 * @param channels       2, 6 or 8
 * @param frameDurationMs length of one chunk in milliseconds (the negotiated Opus packet duration, 5 or 10)
 */
public record AudioFormat(int sampleRate, int channels, int frameDurationMs) {

    public AudioFormat {
        if (sampleRate < 8000 || channels < 1 || channels > 8 || frameDurationMs < 1) {
            throw new IllegalArgumentException("invalid audio format " + sampleRate + " Hz, " + channels
                    + " channels, " + frameDurationMs + " ms");
        }
    }

    public int samplesPerChunk() {
        return sampleRate * frameDurationMs / 1000;
    }
}
