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
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream: capture, encode, hand over, on a thread of its own. Only that thread touches the capture and
 * the encoder session; other threads ask for changes through flags ({@link #reconsider()},
 * {@link #requestIdr()}) that the thread acts on between two frames. A frame whose encoder fails or goes
 * away is encoded again by the next encoder, starting with an IDR, so the frame sequence has no gap.
 */
final class PipelineStream implements VideoStream {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStream.class);
    /** How long a stream waits for some capture source or encoder to (re)appear before it gives up. */
    private static final long BACKEND_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long BACKEND_POLL_MILLIS = 5;
    private static final long JOIN_MILLIS = 3000;

    private final long id;
    private final AccessUnitListener listener;
    private final MediaPipeline pipeline;
    private final Thread thread;
    private final AtomicBoolean reconsider = new AtomicBoolean();
    private final AtomicBoolean idrRequested = new AtomicBoolean();
    private volatile StreamConfiguration requested;
    private volatile boolean running = true;
    private volatile String endReason = "closed";

    // Owned by the stream thread; volatile only so that status() reads fresh values.
    private VideoCaptureSource captureSource;
    private VideoCapture capture;
    private VideoEncoder encoder;
    private EncoderSession session;
    private final Set<VideoEncoder> failedEncoders = new HashSet<>();
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
        this.thread = new Thread(this::run, "twilight-stream-" + id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Backends or configuration changed: re-select between the next two frames. */
    void reconsider() {
        reconsider.set(true);
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

    @Override
    public void updateBitrate(int bitrateKbps) {
        requested = requested.withBitrateKbps(bitrateKbps);
        reconsider();
    }

    @Override
    public VideoStreamStatus status() {
        return new VideoStreamStatus(id, thread.isAlive(), captureName, encoderName, effective, framesCaptured,
                framesEncoded, keyFrames, encoderOpens, encoderSwitches, captureSwitches, bitrateUpdates, lastError);
    }

    @Override
    public void close() {
        end("closed by its owner");
    }

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
                LOG.warn("stream {} did not stop within {} ms; its thread is left to finish on its own", id,
                        JOIN_MILLIS);
            }
        }
    }

    private void run() {
        long frameNumber = 0;
        boolean needIdr = true;
        try {
            while (running) {
                if (reconsider.getAndSet(false)) {
                    failedEncoders.clear();
                    needIdr |= selectCapture(false);
                    needIdr |= selectEncoder(false);
                    needIdr |= applyBitrate();
                }
                Optional<VideoFrame> frame = nextFrame();
                if (frame.isEmpty()) {
                    needIdr = true;
                    continue;
                }
                framesCaptured++;
                needIdr = encode(frame.get(), frameNumber++, needIdr);
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
            closeCapture();
            closeSession();
            pipeline.ended(this);
            try {
                listener.streamEnded(endReason);
            } catch (RuntimeException e) {
                LOG.warn("stream {} listener failed on end", id, e);
            }
        }
    }

    /** The next picture, or empty when the capture failed and was dropped (the caller re-selects). */
    private Optional<VideoFrame> nextFrame() throws InterruptedException, NoBackendException {
        if (capture == null) {
            selectCapture(true);
        }
        try {
            return Optional.of(capture.nextFrame());
        } catch (CaptureException e) {
            if (running) {
                lastError = captureName + ": " + e.getMessage();
                LOG.info("stream {}: capture {} stopped ({}); switching", id, captureName, e.getMessage());
                closeCapture();
            }
            return Optional.empty();
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
            if (session == null) {
                selectEncoder(true);
                idr = true;
            }
            try {
                idr |= idrRequested.getAndSet(false);
                for (AccessUnit unit : session.encode(frame, frameNumber, idr)) {
                    deliver(unit);
                }
                return false;
            } catch (EncoderException e) {
                lastError = encoderName + ": " + e.getMessage();
                LOG.info("stream {}: encoder {} failed on frame {} ({}); switching", id, encoderName, frameNumber,
                        e.getMessage());
                failedEncoders.add(encoder);
                closeSession();
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

    /**
     * Moves to the best capture source if it is not the one in use, waiting (bounded) for one to appear.
     *
     * @return true if the capture changed
     */
    private boolean selectCapture(boolean wait) throws InterruptedException, NoBackendException {
        long deadline = System.nanoTime() + BACKEND_WAIT_NANOS;
        while (running) {
            Optional<VideoCaptureSource> best = pipeline.bestCaptureSource();
            if (best.isPresent() && best.get() == captureSource && capture != null) {
                return false;
            }
            if (best.isPresent()) {
                VideoMode mode = new VideoMode(requested.width(), requested.height(), requested.fps());
                try {
                    VideoCapture opened = best.get().open(mode);
                    boolean switched = captureSource != null;
                    closeCapture();
                    captureSource = best.get();
                    capture = opened;
                    captureName = captureSource.name();
                    if (switched) {
                        captureSwitches++;
                    }
                    LOG.info("stream {}: capturing from {} at {}", id, captureName, mode);
                    return true;
                } catch (CaptureException e) {
                    lastError = best.get().name() + ": " + e.getMessage();
                    LOG.warn("stream {}: capture source {} cannot open {}: {}", id, best.get().name(), mode,
                            e.getMessage());
                }
            }
            if (!wait && capture != null) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new NoBackendException("no capture source could deliver " + requested.width() + "x"
                        + requested.height() + "@" + requested.fps() + " for "
                        + TimeUnit.NANOSECONDS.toSeconds(BACKEND_WAIT_NANOS) + " s; last problem: " + lastError);
            }
            Thread.sleep(BACKEND_POLL_MILLIS);
        }
        throw new InterruptedException();
    }

    /**
     * Moves to the best encoder if it is not the one in use, waiting (bounded) for one to appear.
     *
     * @return true if a new encoder session was opened (its first picture is an IDR)
     */
    private boolean selectEncoder(boolean wait) throws InterruptedException, NoBackendException {
        long deadline = System.nanoTime() + BACKEND_WAIT_NANOS;
        while (running) {
            StreamConfiguration target = pipeline.effective(requested);
            Optional<VideoEncoder> best = pipeline.bestEncoder(target.codec(), failedEncoders);
            if (best.isPresent() && best.get() == encoder && session != null) {
                return false;
            }
            if (best.isPresent()) {
                try {
                    openSession(best.get(), target);
                    return true;
                } catch (EncoderException e) {
                    lastError = best.get().name() + ": " + e.getMessage();
                    LOG.warn("stream {}: encoder {} cannot open {}: {}", id, best.get().name(), target,
                            e.getMessage());
                    failedEncoders.add(best.get());
                    continue;
                }
            }
            if (!wait && session != null) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new NoBackendException("no encoder could produce " + target + " for "
                        + TimeUnit.NANOSECONDS.toSeconds(BACKEND_WAIT_NANOS) + " s; last problem: " + lastError);
            }
            Thread.sleep(BACKEND_POLL_MILLIS);
            failedEncoders.clear();
        }
        throw new InterruptedException();
    }

    private void openSession(VideoEncoder next, StreamConfiguration target) throws EncoderException {
        EncoderSession opened = next.open(target);
        boolean switched = encoder != null && encoder != next;
        closeSession();
        encoder = next;
        session = opened;
        effective = target;
        encoderName = next.name();
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
        if (session == null || target.bitrateKbps() == effective.bitrateKbps()) {
            return false;
        }
        if (session.updateBitrate(target.bitrateKbps())) {
            effective = target;
            bitrateUpdates++;
            LOG.info("stream {}: bitrate now {} kbps", id, target.bitrateKbps());
            return false;
        }
        try {
            openSession(encoder, target);
            return true;
        } catch (EncoderException e) {
            lastError = encoderName + ": " + e.getMessage();
            LOG.warn("stream {}: cannot reopen {} at {} kbps; keeping {} kbps: {}", id, encoderName,
                    target.bitrateKbps(), effective.bitrateKbps(), e.getMessage());
            return false;
        }
    }

    private void closeCapture() {
        if (capture != null) {
            capture.close();
            capture = null;
        }
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    /** No capture source or encoder could serve the stream within the wait limit. */
    private static final class NoBackendException extends Exception {
        private static final long serialVersionUID = 1L;

        NoBackendException(String message) {
            super(message);
        }
    }
}
