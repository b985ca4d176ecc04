package dev.twilight.transport.video;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one video stream's frames from a thread of its own, each frame's datagrams in the batches of the
 * {@link Pacer} schedule, so that a large frame reaches the client's socket spread out rather than as one burst.
 * The encode thread only hands packetized frames over with {@link #submit}, which never waits.
 *
 * <p>Between the two is a slot for one frame: a frame may wait while the one before it is being paced out. When
 * another arrives while a frame still waits, the sender is more than a frame behind: the waiting frame is stale and
 * is dropped whole (a frame is never cut short once its first batch went out), the drop is counted, and the
 * {@link KeyFrameRequests} are asked for a key frame, since the client cannot decode past the gap without one.
 */
public final class PacedVideoSender implements AutoCloseable {

    /** Where the datagrams go: a UDP socket towards the client. */
    @FunctionalInterface
    public interface DatagramSink {

        /** Hands these datagrams of frame {@code frameIndex} to the socket, in order, now; on the sender's thread. */
        void send(long frameIndex, List<byte[]> batch);
    }

    /** Who can make the encoder produce a key frame. */
    @FunctionalInterface
    public interface KeyFrameRequests {

        /** Called on the thread that submitted the frame that made another one stale; must not block. */
        void requestKeyFrame();
    }

    private static final Logger LOG = LoggerFactory.getLogger(PacedVideoSender.class);
    private static final long CLOSE_MILLIS = 1_000;

    private record Frame(long frameIndex, List<byte[]> datagrams) {
    }

    private final long bitsPerSecond;
    private final DatagramSink sink;
    private final KeyFrameRequests keyFrames;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong droppedFrames = new AtomicLong();
    private final Thread thread;
    /** Guarded by {@link #lock}. */
    private Frame waiting;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /**
     * Starts the sender's thread.
     *
     * @param threadName    names the thread, for thread dumps
     * @param bitsPerSecond the pacing budget; 0 sends each frame as one burst
     */
    public PacedVideoSender(String threadName, long bitsPerSecond, DatagramSink sink, KeyFrameRequests keyFrames) {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("pacing rate " + bitsPerSecond + " must be 0 (none) or positive");
        }
        this.bitsPerSecond = bitsPerSecond;
        this.sink = sink;
        this.keyFrames = keyFrames;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands one frame over to be sent. Copies the datagrams, as {@link VideoPacketizer} reuses its arrays.
     *
     * @param keyFrame whether the frame is a key frame: one that makes an older frame stale then needs no other
     */
    public void submit(long frameIndex, boolean keyFrame, List<byte[]> datagrams) {
        if (datagrams.isEmpty()) {
            throw new IllegalArgumentException("frame " + frameIndex + " has no datagrams");
        }
        List<byte[]> copies = new ArrayList<>(datagrams.size());
        datagrams.forEach(datagram -> copies.add(datagram.clone()));
        Frame stale;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            stale = waiting;
            waiting = new Frame(frameIndex, copies);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (stale != null) {
            droppedFrames.incrementAndGet();
            LOG.debug("Dropped video frame {}: the sender fell more than a frame behind", stale.frameIndex());
            if (!keyFrame) {
                keyFrames.requestKeyFrame();
            }
        }
    }

    /** Frames dropped whole because the sender was more than a frame behind. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    /** Stops the thread, waiting a bounded time for a batch being handed to the socket. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            waiting = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(CLOSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Video sender {} did not stop within {} ms: its socket blocks", thread.getName(), CLOSE_MILLIS);
        }
    }

    private void run() {
        // when the datagrams sent so far are paid for: a frame starts no earlier, so back-to-back frames keep the rate
        long budgetEnd = System.nanoTime();
        for (Frame frame = next(); frame != null; frame = next()) {
            int count = frame.datagrams().size();
            int datagramBytes = frame.datagrams().get(0).length;
            long start = Math.max(System.nanoTime(), budgetEnd);
            List<Pacer.Batch> batches = bitsPerSecond == 0
                    ? List.of(new Pacer.Batch(0, count, 0))
                    : Pacer.schedule(count, datagramBytes, bitsPerSecond);
            for (Pacer.Batch batch : batches) {
                if (!awaitUntil(start + batch.sendAtNanos())) {
                    return;
                }
                try {
                    sink.send(frame.frameIndex(),
                            frame.datagrams().subList(batch.firstPacket(), batch.firstPacket() + batch.packetCount()));
                } catch (RuntimeException e) {
                    // one failed batch must not end the stream: the client recovers from a lost frame
                    LOG.warn("Video frame {} lost a batch: {}", frame.frameIndex(), e.toString());
                }
            }
            if (bitsPerSecond > 0) {
                budgetEnd = start + Pacer.transmitNanos(count, datagramBytes, bitsPerSecond);
            }
        }
    }

    /** Waits for the next frame; null once closed. */
    private Frame next() {
        lock.lock();
        try {
            while (waiting == null && !closed) {
                changed.awaitUninterruptibly();
            }
            Frame frame = waiting;
            waiting = null;
            return closed ? null : frame;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code deadline} ({@link System#nanoTime()}); false when closed meanwhile. */
    private boolean awaitUntil(long deadline) {
        lock.lock();
        try {
            for (long wait = deadline - System.nanoTime(); wait > 0 && !closed; wait = deadline - System.nanoTime()) {
                changed.awaitNanos(wait);
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
