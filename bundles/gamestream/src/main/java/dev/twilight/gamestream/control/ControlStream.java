package dev.twilight.gamestream.control;

import dev.twilight.enet.EnetPeer;
import dev.twilight.gamestream.crypto.ControlCipher;
import dev.twilight.gamestream.crypto.ControlMessage;
import dev.twilight.gamestream.crypto.Sender;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/** One session's control connection: its ENet peer, key, the host's message sequence and what it counted. */
final class ControlStream {

    private final String sessionId;
    private final byte[] key;
    private final EnetPeer peer;
    private final IdrRequests idrRequests;
    private final AtomicInteger hostSequence = new AtomicInteger();
    private final AtomicLongArray counts = new AtomicLongArray(ControlCounter.values().length);
    /** A {@code heard} call is queued and not yet made: a burst of messages needs only one. */
    private final AtomicBoolean heardPending = new AtomicBoolean();

    ControlStream(String sessionId, byte[] key, EnetPeer peer, IdrRequests idrRequests) {
        this.sessionId = sessionId;
        this.key = key.clone();
        this.peer = peer;
        this.idrRequests = idrRequests;
    }

    String sessionId() {
        return sessionId;
    }

    EnetPeer peer() {
        return peer;
    }

    IdrRequests idrRequests() {
        return idrRequests;
    }

    byte[] key() {
        return key;
    }

    /** The message sealed with the host's next sequence number. */
    byte[] seal(ControlMessage message) {
        return ControlCipher.seal(key, Sender.HOST, hostSequence.getAndIncrement(), message);
    }

    long count(ControlCounter counter) {
        return counts.get(counter.ordinal());
    }

    void increment(ControlCounter counter) {
        counts.incrementAndGet(counter.ordinal());
    }

    /** @return true when no {@code heard} call is queued, which the caller must then queue */
    boolean markHeard() {
        return heardPending.compareAndSet(false, true);
    }

    void heardReported() {
        heardPending.set(false);
    }
}
