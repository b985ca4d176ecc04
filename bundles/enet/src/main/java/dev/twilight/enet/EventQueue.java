package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Promise;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happened to peers, held until the protocol state is consistent again (the end of a datagram, timer or
 * request), then told to the listener and connect promises in order, as libenet's dispatch queue does. So
 * application code never runs in the middle of protocol processing.
 */
final class EventQueue {

    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

    private sealed interface Event permits Connected, Received, Disconnected, ConnectFailed {
    }

    private record Connected(EnetPeer peer, Promise<EnetPeer> promise) implements Event {
    }

    private record Received(EnetPeer peer, int channel, ByteBuf payload) implements Event {
    }

    private record Disconnected(EnetPeer peer, DisconnectReason reason, int data) implements Event {
    }

    private record ConnectFailed(Promise<EnetPeer> promise, Throwable cause) implements Event {
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final EnetListener listener;

    EventQueue(EnetListener listener) {
        this.listener = listener;
    }

    /** @param promise completed with the peer once the listener heard of it; null for accepted peers */
    void connected(EnetPeer peer, Promise<EnetPeer> promise) {
        events.add(new Connected(peer, promise));
    }

    /** Takes ownership of the payload. */
    void received(EnetPeer peer, int channel, ByteBuf payload) {
        events.add(new Received(peer, channel, payload));
    }

    void disconnected(EnetPeer peer, DisconnectReason reason, int data) {
        events.add(new Disconnected(peer, reason, data));
    }

    void connectFailed(Promise<EnetPeer> promise, Throwable cause) {
        events.add(new ConnectFailed(promise, cause));
    }

    /** Tells everything queued, in order, while {@code open} holds (the listener may close the host). */
    void dispatch(BooleanSupplier open) {
        while (open.getAsBoolean() && !events.isEmpty()) {
            Event event = events.poll();
            if (event instanceof Connected connected) {
                notifyListener(() -> listener.connected(connected.peer()));
                if (connected.promise() != null) {
                    connected.promise().trySuccess(connected.peer());
                }
            } else if (event instanceof Received received) {
                try {
                    if (!received.peer().ended) {
                        notifyListener(() -> listener.received(received.peer(), received.channel(), received.payload()));
                    }
                } finally {
                    received.payload().release();
                }
            } else if (event instanceof Disconnected disconnected) {
                if (!disconnected.peer().ended) {
                    disconnected.peer().ended = true;
                    notifyListener(() -> listener.disconnected(disconnected.peer(), disconnected.reason(),
                            disconnected.data()));
                }
            } else if (event instanceof ConnectFailed failed) {
                failed.promise().tryFailure(failed.cause());
            }
        }
    }

    /** The host closed: releases what is queued and fails the connect attempts still pending. */
    void discard() {
        for (Event event = events.poll(); event != null; event = events.poll()) {
            if (event instanceof Received received) {
                received.payload().release();
            } else if (event instanceof Connected connected && connected.promise() != null) {
                connected.promise().tryFailure(new ClosedChannelException());
            } else if (event instanceof ConnectFailed failed) {
                failed.promise().tryFailure(failed.cause());
            }
        }
    }

    private static void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("ENet listener failed", e);
        }
    }
}
