package dev.twilight.enet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The receiving side of one channel: puts reliable messages in sequence order (reassembling fragmented ones),
 * drops unreliable messages older than the newest delivered, and holds unreliable messages that follow a
 * reliable one not yet delivered. Sequencing rules are those of {@code enet_peer_queue_incoming_command} and the
 * two {@code enet_peer_dispatch_incoming_*_commands}: the window of acceptable sequence numbers, and dropping
 * unreliable messages whose reliable predecessor was overtaken.
 *
 * <p>Payloads are copied out of the datagram; each delivered one is handed to the sink, which owns it.
 */
final class InboundChannel {

    /** Bytes one peer holds undelivered, across its channels; ENet stops reading a peer's datagram past the limit. */
    static final class WaitingData {
        private long bytes;

        boolean full() {
            return bytes >= Protocol.MAXIMUM_WAITING_DATA;
        }

        private void add(int count) {
            bytes += count;
        }

        private void remove(int count) {
            bytes -= count;
        }
    }

    /** A reliable message waiting for its turn, or for its missing fragments. */
    private static final class PendingMessage {
        final ByteBuf data;
        final int fragmentCount;
        final BitSet fragmentsReceived = new BitSet();
        int fragmentsRemaining;

        PendingMessage(ByteBuf data, int fragmentCount) {
            this.data = data;
            this.fragmentCount = fragmentCount;
            this.fragmentsRemaining = fragmentCount;
        }

        /** Reliable sequence numbers the message used: one per fragment. */
        int sequenceSpan() {
            return Math.max(1, fragmentCount);
        }
    }

    private final ByteBufAllocator allocator;
    private final WaitingData waiting;
    private final Consumer<ByteBuf> sink;
    /** Last delivered reliable sequence number (16-bit), and the same counted without wrapping. */
    private int reliableSequence;
    private long delivered;
    /** Last delivered unreliable sequence number after the reliable one above. */
    private int unreliableSequence;
    /** Keyed by unwrapped sequence number (the first fragment's, for fragmented messages). */
    private final TreeMap<Long, PendingMessage> pendingReliable = new TreeMap<>();
    /** Keyed by unwrapped reliable sequence number in the high bits, unreliable sequence number in the low 16. */
    private final TreeMap<Long, ByteBuf> pendingUnreliable = new TreeMap<>();

    InboundChannel(ByteBufAllocator allocator, WaitingData waiting, Consumer<ByteBuf> sink) {
        this.allocator = allocator;
        this.waiting = waiting;
        this.sink = sink;
    }

    /** True if the sequence number is at most six windows of 4096 ahead: older or farther ones are ignored. */
    boolean inReceiveWindow(int sequence) {
        int window = windowsAhead(sequence);
        return window >= 0 && window < Protocol.FREE_RELIABLE_WINDOWS - 1;
    }

    /** False for the two windows just past the receive window, whose commands ENet leaves unacknowledged. */
    boolean acknowledges(int sequence) {
        int window = windowsAhead(sequence);
        return window < Protocol.FREE_RELIABLE_WINDOWS - 1 || window > Protocol.FREE_RELIABLE_WINDOWS;
    }

    private int windowsAhead(int sequence) {
        int window = Protocol.reliableWindow(sequence);
        if (sequence < reliableSequence) {
            window += Protocol.RELIABLE_WINDOWS;
        }
        return window - Protocol.reliableWindow(reliableSequence);
    }

    /** @return false if the peer has too much data waiting to accept more */
    boolean receiveReliable(int sequence, ByteBuf payload) {
        if (!inReceiveWindow(sequence) || sequence == reliableSequence) {
            return true;
        }
        long key = unwrap(sequence);
        if (pendingReliable.containsKey(key)) {
            return true;
        }
        if (waiting.full()) {
            return false;
        }
        waiting.add(payload.readableBytes());
        pendingReliable.put(key, new PendingMessage(copy(payload), 0));
        deliverReliable();
        return true;
    }

    /**
     * Adds one fragment of a reliable message; the fields were range-checked by the caller.
     *
     * @return false if the fragment contradicts what is already known of its message, or too much data waits
     */
    boolean receiveFragment(int startSequence, int fragmentNumber, int fragmentCount, int totalLength,
                            int fragmentOffset, ByteBuf fragment) {
        // a message whose first fragment is the last one delivered is complete: this is a late retransmission
        if (!inReceiveWindow(startSequence) || startSequence == reliableSequence) {
            return true;
        }
        long key = unwrap(startSequence);
        PendingMessage message = pendingReliable.get(key);
        if (message == null) {
            if (waiting.full()) {
                return false;
            }
            waiting.add(totalLength);
            ByteBuf data = allocator.buffer(totalLength, totalLength).writeZero(totalLength);
            message = new PendingMessage(data, fragmentCount);
            pendingReliable.put(key, message);
        } else if (message.fragmentCount != fragmentCount || message.data.readableBytes() != totalLength) {
            return false;
        }
        if (!message.fragmentsReceived.get(fragmentNumber)) {
            message.fragmentsReceived.set(fragmentNumber);
            message.fragmentsRemaining--;
            message.data.setBytes(fragmentOffset, fragment, fragment.readerIndex(), fragment.readableBytes());
            if (message.fragmentsRemaining == 0) {
                deliverReliable();
            }
        }
        return true;
    }

    /** @return false if the peer has too much data waiting to accept more */
    boolean receiveUnreliable(int reliableSequenceFollowed, int sequence, ByteBuf payload) {
        if (!inReceiveWindow(reliableSequenceFollowed)) {
            return true;
        }
        if (reliableSequenceFollowed == reliableSequence) {
            if (sequence > unreliableSequence) {
                unreliableSequence = sequence;
                sink.accept(copy(payload));
            }
            return true;
        }
        long key = unwrap(reliableSequenceFollowed) << 16 | sequence;
        if (pendingUnreliable.containsKey(key)) {
            return true;
        }
        if (waiting.full()) {
            return false;
        }
        waiting.add(payload.readableBytes());
        pendingUnreliable.put(key, copy(payload));
        return true;
    }

    /** Delivers an unsequenced message: the caller has ruled out duplicates. */
    void receiveUnsequenced(ByteBuf payload) {
        sink.accept(copy(payload));
    }

    /** Releases everything held. */
    void clear() {
        pendingReliable.values().forEach(message -> release(message.data));
        pendingReliable.clear();
        pendingUnreliable.values().forEach(this::release);
        pendingUnreliable.clear();
    }

    private void deliverReliable() {
        boolean advanced = false;
        for (Map.Entry<Long, PendingMessage> next = pendingReliable.firstEntry();
             next != null && next.getKey() == delivered + 1 && next.getValue().fragmentsRemaining == 0;
             next = pendingReliable.firstEntry()) {
            pendingReliable.pollFirstEntry();
            PendingMessage message = next.getValue();
            delivered = next.getKey() + message.sequenceSpan() - 1;
            reliableSequence = (int) (delivered & 0xFFFF);
            waiting.remove(message.data.readableBytes());
            sink.accept(message.data);
            advanced = true;
        }
        if (!advanced) {
            return;
        }
        unreliableSequence = 0;
        // messages numbered inside a fragmented message just delivered can only be bogus
        Map<Long, PendingMessage> overtaken = pendingReliable.headMap(delivered, true);
        overtaken.values().forEach(message -> release(message.data));
        overtaken.clear();
        deliverUnreliable();
    }

    /** Delivers unreliable messages that followed the reliable one now current; drops those that followed older ones. */
    private void deliverUnreliable() {
        for (Map.Entry<Long, ByteBuf> next = pendingUnreliable.firstEntry();
             next != null && next.getKey() >>> 16 <= delivered;
             next = pendingUnreliable.firstEntry()) {
            pendingUnreliable.pollFirstEntry();
            if (next.getKey() >>> 16 < delivered) {
                release(next.getValue());
            } else {
                waiting.remove(next.getValue().readableBytes());
                unreliableSequence = (int) (next.getKey() & 0xFFFF);
                sink.accept(next.getValue());
            }
        }
    }

    private long unwrap(int sequence) {
        return delivered + ((sequence - reliableSequence) & 0xFFFF);
    }

    private ByteBuf copy(ByteBuf payload) {
        return allocator.buffer(payload.readableBytes()).writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }

    private void release(ByteBuf held) {
        waiting.remove(held.readableBytes());
        held.release();
    }
}
