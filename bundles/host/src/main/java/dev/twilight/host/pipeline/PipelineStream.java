package dev.twilight.host.pipeline;

import dev.twilight.api.capture.CaptureException;
import dev.twilight.api.capture.VideoCapture;
import dev.twilight.api.capture.VideoCaptureSource;
import dev.twilight.api.capture.VideoMode;
import dev.twilight.api.encode.EncoderException;
import dev.twilight.api.encode.EncoderSession;
import dev.twilight.api.encode.VideoEncoder;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoFrame;
import dev.twilight.api.pipeline.AccessUnitListener;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.api.pipeline.VideoStreamStatus;
import dev.twilight.host.pipeline.BackendSlot.NoBackendException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream: capture, encode, hand over, on a thread of its own. Only that thread touches the capture and
 * the encoder session. Other threads change things by moving the pipeline's generation (backends or
 * configuration changed) or asking for an IDR; the thread acts on it between two frames. A frame whose
 * encoder fails or goes away is encoded again by the next encoder, starting with an IDR, so the sequence of
 * frames has no gap.
 */
final class PipelineStream implements VideoStream {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStream.class);
    private static final long JOIN_MILLIS = 3000;

    private final long id;
    private final AccessUnitListener listener;
    private final MediaPipeline pipeline;
    private final Thread thread;
    private final AtomicBoolean idrRequested = new AtomicBoolean();
    private final BackendSlot<VideoCaptureSource, VideoCapture> capture;
    private final BackendSlot<VideoEncoder, EncoderSession> encoder;
    private volatile StreamConfiguration requested;
    private volatile boolean running = true;
    private volatile String endReason = "closed";
    private volatile boolean ended;
    private volatile boolean bitrateChanged;

    // Written by the stream thread only; volatile so that status() reads fresh values.
    private volatile String captureName = "";
    private volatile String encoderName = "";
    private volatile StreamConfiguration effective;
    private volatile long framesCaptured;
    private volatile long framesEncoded;
    private volatile long keyFrames;
    private volatile long encoderOpens;
    private volatile long encoderSwitches;
    private volatile long captureSwitches;
    private volatile long bitrateUpdates;
    private volatile String lastError = "";

    PipelineStream(long id, StreamConfiguration requested, AccessUnitListener listener, MediaPipeline pipeline) {
        this.id = id;
        this.requested = requested;
        this.listener = listener;
        this.pipeline = pipeline;
        this.effective = pipeline.effective(requested);
        this.capture = new BackendSlot<>("capture source", pipeline::bestCaptureSource, VideoCaptureSource::name,
                pipeline::generation);
        this.encoder = new BackendSlot<>("encoder",
                excluded -> pipeline.bestEncoder(this.requested.codec(), excluded), VideoEncoder::name,
                pipeline::generation);
        this.thread = new Thread(this::run, "twilight-stream-" + id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public StreamConfiguration requested() {
        return requested;
    }

    @Override
    public void requestIdr() {
        idrRequested.set(true);
    }

    /** Takes effect between two frames, like a configuration change. */
    @Override
    public void updateBitrate(int bitrateKbps) {
        requested = requested.withBitrateKbps(bitrateKbps);
        bitrateChanged = true;
    }

    @Override
    public VideoStreamStatus status() {
        return new VideoStreamStatus(id, !ended, captureName, encoderName, effective, framesCaptured,
                framesEncoded, keyFrames, encoderOpens, encoderSwitches, captureSwitches, bitrateUpdates, lastError);
    }

    @Override
    public void close() {
        end("closed by its owner");
    }

    /** Stops the stream and waits, bounded, for its thread. */
    void end(String reason) {
        if (running) {
            endReason = reason;
            running = false;
            thread.interrupt();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("stream {} did not stop within {} ms; its thread finishes on its own", id, JOIN_MILLIS);
            }
        }
    }

    private void run() {
        long frameNumber = 0;
        long seenGeneration = pipeline.generation();
        boolean needIdr = true;
        try {
            while (running) {
                long generation = pipeline.generation();
                if (generation != seenGeneration || bitrateChanged) {
                    seenGeneration = generation;
                    bitrateChanged = false;
                    needIdr |= selectCapture() | selectEncoder() | applyBitrate();
                }
                VideoFrame frame = nextFrame();
                if (frame == null) {
                    needIdr = true;
                    continue;
                }
                framesCaptured++;
                needIdr = encode(frame, frameNumber++, needIdr);
            }
        } catch (InterruptedException e) {
            // end() was called
        } catch (NoBackendException e) {
            endReason = e.getMessage();
            lastError = e.getMessage();
            LOG.warn("stream {} ends: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            endReason = "internal error: " + e;
            lastError = endReason;
            LOG.error("stream {} failed", id, e);
        } finally {
            running = false;
            capture.close();
            encoder.close();
            ended = true;
            pipeline.ended(this);
            try {
                listener.streamEnded(endReason);
            } catch (RuntimeException e) {
                LOG.warn("stream {}: listener failed on end", id, e);
            }
        }
    }

    /** The next picture, or null when the capture failed and was dropped (the caller re-selects). */
    private VideoFrame nextFrame() throws InterruptedException, NoBackendException {
        if (capture.resource() == null) {
            selectCapture();
        }
        try {
            return capture.resource().nextFrame();
        } catch (CaptureException e) {
            if (running) {
                LOG.info("stream {}: capture {} stopped ({}); switching", id, captureName, e.getMessage());
                capture.failed(e.getMessage());
                lastError = capture.lastProblem();
            }
            return null;
        }
    }

    /**
     * Encodes one frame, moving to the next encoder when the current one fails or is gone.
     *
     * @return whether the next frame still needs to be an IDR
     */
    private boolean encode(VideoFrame frame, long frameNumber, boolean needIdr)
            throws InterruptedException, NoBackendException {
        boolean idr = needIdr;
        while (running) {
            if (encoder.resource() == null) {
                selectEncoder();
                idr = true;
            }
            try {
                idr |= idrRequested.getAndSet(false);
                for (AccessUnit unit : encoder.resource().encode(frame, frameNumber, idr)) {
                    deliver(unit);
                }
                return false;
            } catch (EncoderException e) {
                LOG.info("stream {}: encoder {} failed on frame {} ({}); switching", id, encoderName, frameNumber,
                        e.getMessage());
                encoder.failed(e.getMessage());
                lastError = encoder.lastProblem();
            }
        }
        return idr;
    }

    private void deliver(AccessUnit unit) {
        framesEncoded++;
        if (unit.keyFrame()) {
            keyFrames++;
        }
        try {
            listener.accessUnit(unit);
        } catch (RuntimeException e) {
            LOG.warn("stream {}: listener failed on frame {}", id, unit.frameNumber(), e);
        }
    }

    /** @return true if the stream now captures from a newly opened capture */
    private boolean selectCapture() throws InterruptedException, NoBackendException {
        String before = capture.name();
        VideoMode mode = new VideoMode(requested.width(), requested.height(), requested.fps());
        boolean opened = capture.select(source -> source.open(mode), pipeline.backendWaitMillis());
        if (opened) {
            if (!before.isEmpty()) {
                captureSwitches++;
            }
            captureName = capture.name();
            LOG.info("stream {}: capturing from {} at {}", id, captureName, mode);
        }
        lastError = capture.lastProblem().isEmpty() ? lastError : capture.lastProblem();
        return opened;
    }

    /** @return true if a new encoder session was opened (its first picture is an IDR) */
    private boolean selectEncoder() throws InterruptedException, NoBackendException {
        String before = encoder.name();
        StreamConfiguration target = pipeline.effective(requested);
        boolean opened = encoder.select(backend -> backend.open(target), pipeline.backendWaitMillis());
        if (opened) {
            opened(target, !before.isEmpty() && !before.equals(encoder.name()));
        }
        lastError = encoder.lastProblem().isEmpty() ? lastError : encoder.lastProblem();
        return opened;
    }

    private void opened(StreamConfiguration target, boolean switched) {
        effective = target;
        encoderName = encoder.name();
        encoderOpens++;
        if (switched) {
            encoderSwitches++;
        }
        LOG.info("stream {}: encoding {} with {}", id, target, encoderName);
    }

    /**
     * Brings the running encoder to the bitrate the request and the host cap allow now: in place when the
     * encoder can, else by reopening it.
     *
     * @return true if the encoder was reopened (its next picture is an IDR)
     */
    private boolean applyBitrate() {
        StreamConfiguration target = pipeline.effective(requested);
        EncoderSession session = encoder.resource();
        if (session == null || target.bitrateKbps() == effective.bitrateKbps()) {
            return false;
        }
        if (session.updateBitrate(target.bitrateKbps())) {
            effective = target;
            bitrateUpdates++;
            LOG.info("stream {}: bitrate now {} kbps", id, target.bitrateKbps());
            return false;
        }
        if (encoder.reopen(backend -> backend.open(target))) {
            opened(target, false);
            return true;
        }
        lastError = encoder.lastProblem();
        LOG.warn("stream {}: cannot reopen {} at {} kbps ({}); the next frame picks an encoder again", id,
                encoderName, target.bitrateKbps(), lastError);
        return false;
    }
}
