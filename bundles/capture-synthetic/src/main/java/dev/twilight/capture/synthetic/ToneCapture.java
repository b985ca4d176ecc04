package dev.twilight.capture.synthetic;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import java.util.function.Consumer;

/** A running tone capture: chunk k is due k chunk durations after the capture was opened. */
final class ToneCapture implements AudioCapture {

    static final double FREQUENCY_HZ = 440;
    /** About -26 dBFS: audible, never loud. */
    static final double AMPLITUDE = 0.05 * Short.MAX_VALUE;

    private final AudioFormat format;
    private final Consumer<ToneCapture> onClose;
    private final Metronome metronome;
    private long chunkIndex;
    private long sampleIndex;

    ToneCapture(AudioFormat format, Consumer<ToneCapture> onClose) {
        this.format = format;
        this.onClose = onClose;
        this.metronome = new Metronome(format.samplesPerChunk() * 1_000_000_000L / format.sampleRate(),
                "the tone capture");
    }

    @Override
    public AudioFormat format() {
        return format;
    }

    @Override
    public short[] nextChunk() throws CaptureException, InterruptedException {
        metronome.await(chunkIndex);
        chunkIndex++;
        int channels = format.channels();
        short[] pcm = new short[format.samplesPerChunk() * channels];
        for (int i = 0; i < format.samplesPerChunk(); i++) {
            // the phase from the sample index within one second stays exact however long the stream runs
            double phase = 2 * Math.PI * FREQUENCY_HZ * (sampleIndex++ % format.sampleRate()) / format.sampleRate();
            short sample = (short) Math.round(AMPLITUDE * Math.sin(phase));
            for (int channel = 0; channel < channels; channel++) {
                pcm[i * channels + channel] = sample;
            }
        }
        return pcm;
    }

    @Override
    public void close() {
        if (metronome.stop()) {
            onClose.accept(this);
        }
    }
}
