package dev.twilight.gamestream.audio;

/** Sine tones, one frequency per channel, as interleaved 16-bit PCM at 48 kHz. */
final class Tones {

    /** Distinct frequencies, none a multiple of another, for up to 8 channels. */
    static final double[] FREQUENCIES_HZ = {330, 470, 610, 750, 890, 1030, 1170, 1310};
    private static final double AMPLITUDE = 0.2 * Short.MAX_VALUE;

    private Tones() {
    }

    /** Samples {@code first} to {@code first + count - 1} of channel c's tone {@link #FREQUENCIES_HZ}[c]. */
    static short[] chunk(int channels, long first, int count) {
        short[] pcm = new short[count * channels];
        for (int i = 0; i < count; i++) {
            for (int channel = 0; channel < channels; channel++) {
                double phase = 2 * Math.PI * FREQUENCIES_HZ[channel] * (first + i) / OpusEncoder.SAMPLE_RATE;
                pcm[i * channels + channel] = (short) Math.round(AMPLITUDE * Math.sin(phase));
            }
        }
        return pcm;
    }

    /** Which of {@link #FREQUENCIES_HZ} is strongest in the samples (Goertzel power). */
    static int strongest(float[] samples, int count) {
        int best = -1;
        double bestPower = -1;
        for (int index = 0; index < FREQUENCIES_HZ.length; index++) {
            double coefficient = 2 * Math.cos(2 * Math.PI * FREQUENCIES_HZ[index] / OpusEncoder.SAMPLE_RATE);
            double previous = 0;
            double beforePrevious = 0;
            for (int i = 0; i < count; i++) {
                double current = samples[i] + coefficient * previous - beforePrevious;
                beforePrevious = previous;
                previous = current;
            }
            double power = previous * previous + beforePrevious * beforePrevious
                    - coefficient * previous * beforePrevious;
            if (power > bestPower) {
                bestPower = power;
                best = index;
            }
        }
        return best;
    }
}
