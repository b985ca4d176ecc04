package dev.twilight.input.x11;

import dev.twilight.api.input.InputEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the thread that talks to the display. Callers only queue: input events up to a bound (beyond it they
 * are dropped and counted), and the end of a session or of the injector, which are never dropped, so that
 * held keys are always let go. The thread opens the display itself, as connecting to an X server may take
 * a while.
 */
final class Injector {

    /** Opens the display; called once, on the injector thread. */
    @FunctionalInterface
    interface Opener {
        InputTarget open() throws DisplayUnavailableException;
    }

    private sealed interface Task permits Inject, EndSession, Stop {
    }

    private record Inject(String sessionId, InputEvent event) implements Task {
    }

    private record EndSession(String sessionId) implements Task {
    }

    private record Stop() implements Task {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Injector.class);

    private final int capacity;
    private final Counters counters = new Counters();
    /** Unbounded so that session ends and the stop always fit; input events are bounded by {@link #queuedEvents}. */
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedEvents = new AtomicInteger();
    private final AtomicBoolean overflowReported = new AtomicBoolean();
    /** Touched by the injector thread only. */
    private final Map<String, SessionInput> sessions = new HashMap<>();
    private volatile Thread thread;
    private volatile boolean ready;
    private volatile boolean stopping;

    /** @param capacity the most input events waiting for the display */
    Injector(int capacity) {
        this.capacity = capacity;
    }

    /** Starts the thread, which opens the display and then injects until {@link #stop}. */
    void start(String threadName, Opener opener) {
        Thread started = new Thread(() -> run(opener), threadName);
        started.setDaemon(true);
        // AWT's own threads inherit the class loader of the thread that first uses it; none of them may keep
        // this bundle's loader alive after an update
        started.setContextClassLoader(null);
        thread = started;
        started.start();
    }

    /** Whether the display is open and events are taken. */
    boolean ready() {
        return ready && !stopping;
    }

    /** Queues an event without waiting; while the display is not ready, or the queue is full, it is dropped. */
    void offer(String sessionId, InputEvent event) {
        if (!ready()) {
            counters.increment(InputCounter.DROPPED);
            return;
        }
        if (queuedEvents.incrementAndGet() > capacity) {
            queuedEvents.decrementAndGet();
            counters.increment(InputCounter.DROPPED);
            if (overflowReported.compareAndSet(false, true)) {
                LOG.warn("X11 input: the display takes input more slowly than it arrives; {} events are waiting "
                        + "and newer ones are dropped (this is said once)", capacity);
            }
            return;
        }
        tasks.add(new Inject(sessionId, event));
    }

    /** Lets go of whatever the session holds down, after its queued events. */
    void endSession(String sessionId) {
        if (thread != null) {
            tasks.add(new EndSession(sessionId));
        }
    }

    /**
     * Drops the queued events, lets go of every held key and button, and ends the thread, waiting for it at most
     * {@code wait}.
     */
    void stop(Duration wait) {
        stopping = true;
        Thread running = thread;
        if (running == null) {
            return;
        }
        tasks.add(new Stop());
        try {
            running.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            running.interrupt();
            LOG.warn("X11 input: the display did not answer within {} ms; keys held by clients may stay down",
                    wait.toMillis());
        }
    }

    long count(InputCounter counter) {
        return counters.get(counter);
    }

    private void run(Opener opener) {
        InputTarget target;
        try {
            target = opener.open();
        } catch (DisplayUnavailableException e) {
            LOG.warn(e.getMessage(), e.getCause());
            return;
        }
        ready = true;
        try {
            while (true) {
                Task task = tasks.take();
                if (task instanceof Stop) {
                    return;
                }
                if (task instanceof Inject inject) {
                    queuedEvents.decrementAndGet();
                    if (stopping) {
                        counters.increment(InputCounter.DROPPED);
                    } else {
                        inject(inject, target);
                    }
                } else if (task instanceof EndSession end) {
                    SessionInput ended = sessions.remove(end.sessionId());
                    if (ended != null) {
                        release(end.sessionId(), ended, target);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ready = false;
            sessions.forEach((sessionId, input) -> release(sessionId, input, target));
            sessions.clear();
        }
    }

    private void inject(Inject inject, InputTarget target) {
        try {
            sessions.computeIfAbsent(inject.sessionId(), SessionInput::new).apply(inject.event(), target, counters);
        } catch (RuntimeException e) {
            counters.increment(InputCounter.FAILED);
            LOG.debug("X11 input: the display refused {} of session {}", inject.event(), inject.sessionId(), e);
        }
    }

    private static void release(String sessionId, SessionInput input, InputTarget target) {
        try {
            input.release(target);
        } catch (RuntimeException e) {
            LOG.warn("X11 input: could not let go of the keys and buttons session {} held", sessionId, e);
        }
    }
}
