package dev.twilight.capture.pulse;

/** Sine tones per channel as 16-bit PCM, and how strong one frequency is in one channel of captured PCM. */
final class Tones {

    static final int SAMPLE_RATE = 48_000;
    /** A quarter of full scale: far above the noise, far from clipping when the server mixes channels. */
    static final double AMPLITUDE = 0.25;

    private Tones() {
    }

    /**
     * Interleaved PCM with one tone per channel.
     *
     * @param frequencies one per channel, in Hz; 0 leaves the channel silent
     * @param firstSample index of the first sample, so consecutive calls continue each sine
     */
    static byte[] interleaved(int[] frequencies, long firstSample, int samples) {
        int channels = frequencies.length;
        byte[] pcm = new byte[samples * channels * Short.BYTES];
        for (int i = 0; i < samples; i++) {
            long sample = firstSample + i;
            for (int channel = 0; channel < channels; channel++) {
                // the phase from the sample index within one second stays exact however long the tone plays
                double phase = 2 * Math.PI * frequencies[channel] * (sample % SAMPLE_RATE) / SAMPLE_RATE;
                short value = (short) Math.round(AMPLITUDE * Short.MAX_VALUE * Math.sin(phase));
                int at = (i * channels + channel) * Short.BYTES;
                pcm[at] = (byte) value;
                pcm[at + 1] = (byte) (value >> 8);
            }
        }
        return pcm;
    }

    /**
     * The amplitude (fraction of full scale) of one frequency in one channel, by the Goertzel algorithm; exact
     * for frequencies that fit a whole number of periods into the samples.
     */
    static double level(short[] pcm, int channels, int channel, double frequency) {
        int samples = pcm.length / channels;
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < samples; i++) {
            double current = pcm[i * channels + channel] / (double) Short.MAX_VALUE + coefficient * previous
                    - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / samples;
    }
}
