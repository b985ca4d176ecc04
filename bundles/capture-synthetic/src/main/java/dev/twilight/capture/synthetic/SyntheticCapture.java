package dev.twilight.capture.synthetic;

import dev.twilight.api.capture.CaptureException;
import dev.twilight.api.capture.VideoCapture;
import dev.twilight.api.capture.VideoMode;
import dev.twilight.api.media.FrameStamp;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.VideoFrame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;

/** A running test-pattern capture, paced at the mode's frame rate from the moment it was opened. */
final class SyntheticCapture implements VideoCapture {

    private final VideoMode mode;
    private final TestPattern pattern;
    private final ByteBuffer[] planes;
    private final int[] strides;
    private final Consumer<SyntheticCapture> onClose;
    private final Metronome metronome;
    private long frameNumber;

    SyntheticCapture(VideoMode mode, TestPattern pattern, Consumer<SyntheticCapture> onClose) {
        this.mode = mode;
        this.pattern = pattern;
        this.planes = pattern.allocatePlanes();
        this.strides = pattern.strides();
        this.onClose = onClose;
        this.metronome = new Metronome(mode.frameIntervalNanos(), "the synthetic capture");
    }

    @Override
    public VideoMode mode() {
        return mode;
    }

    @Override
    public VideoFrame nextFrame() throws CaptureException, InterruptedException {
        metronome.await(frameNumber);
        long captureNanos = System.nanoTime();
        Instant now = Instant.now();
        long epochMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        pattern.render(new FrameStamp(frameNumber, epochMicros), planes);
        return new VideoFrame(mode.width(), mode.height(), PixelFormat.YUV420P, planes, strides, frameNumber++,
                captureNanos);
    }

    @Override
    public void close() {
        if (metronome.stop()) {
            onClose.accept(this);
        }
    }
}
