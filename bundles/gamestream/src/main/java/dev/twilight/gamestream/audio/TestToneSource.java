package dev.twilight.gamestream.audio;

/**
 * The embedded default audio source until an audio capture bundle exists: a quiet 440 Hz sine, the same on every
 * channel, at 48 kHz as signed 16-bit interleaved samples. Not thread-safe: one sender's thread uses it.
 */
final class TestToneSource {

    static final int SAMPLE_RATE = 48_000;
    private static final double FREQUENCY_HZ = 440;
    /** About -26 dBFS: audible, never loud. */
    private static final double AMPLITUDE = 0.05 * Short.MAX_VALUE;

    private final int channels;
    private long sampleIndex;

    TestToneSource(int channels) {
        this.channels = channels;
    }

    /** The next {@code samplesPerChannel} samples of every channel, interleaved. */
    short[] next(int samplesPerChannel) {
        short[] pcm = new short[samplesPerChannel * channels];
        for (int i = 0; i < samplesPerChannel; i++) {
            short sample = (short) Math.round(AMPLITUDE
                    * Math.sin(2 * Math.PI * FREQUENCY_HZ * (sampleIndex++ % SAMPLE_RATE) / SAMPLE_RATE));
            for (int channel = 0; channel < channels; channel++) {
                pcm[i * channels + channel] = sample;
            }
        }
        return pcm;
    }
}
