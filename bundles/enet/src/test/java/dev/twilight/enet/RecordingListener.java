package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** Records what a host reports, for tests to wait on; can also answer each message. */
final class RecordingListener implements EnetListener {

    record Message(EnetPeer peer, int channel, byte[] bytes) {
    }

    record Disconnection(EnetPeer peer, DisconnectReason reason, int data) {
    }

    /** Generous: nothing here takes more than milliseconds unless something is wrong. */
    static final long WAIT_SECONDS = 10;

    private final BlockingQueue<EnetPeer> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Disconnection> disconnections = new LinkedBlockingQueue<>();
    private final BiConsumer<EnetPeer, Message> reaction;

    RecordingListener() {
        this((peer, message) -> {
        });
    }

    /** @param reaction runs on the event loop after each message is recorded */
    RecordingListener(BiConsumer<EnetPeer, Message> reaction) {
        this.reaction = reaction;
    }

    /** Sends every message back, reliably, on the channel it came on. */
    static RecordingListener echoing() {
        return new RecordingListener((peer, message) -> peer.send(message.channel(), message.bytes(), Delivery.RELIABLE));
    }

    @Override
    public void connected(EnetPeer peer) {
        connections.add(peer);
    }

    @Override
    public void received(EnetPeer peer, int channel, ByteBuf payload) {
        Message message = new Message(peer, channel, ByteBufUtil.getBytes(payload));
        messages.add(message);
        reaction.accept(peer, message);
    }

    @Override
    public void disconnected(EnetPeer peer, DisconnectReason reason, int data) {
        disconnections.add(new Disconnection(peer, reason, data));
    }

    EnetPeer nextConnection() throws InterruptedException {
        return next(connections, "connection");
    }

    Message nextMessage() throws InterruptedException {
        return next(messages, "message");
    }

    List<Message> nextMessages(int count) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(nextMessage());
        }
        return received;
    }

    Disconnection nextDisconnection() throws InterruptedException {
        return next(disconnections, "disconnection");
    }

    /** The next connection if there is one already, else null. */
    EnetPeer pollConnection() {
        return connections.poll();
    }

    /** The next disconnection if there is one already, else null. */
    Disconnection pollDisconnection() {
        return disconnections.poll();
    }

    void assertNoConnection(long millis) throws InterruptedException {
        assertNull(connections.poll(millis, TimeUnit.MILLISECONDS), "unexpected connection");
    }

    void assertNoMessage(long millis) throws InterruptedException {
        assertNull(messages.poll(millis, TimeUnit.MILLISECONDS), "unexpected message");
    }

    void assertNoDisconnection(long millis) throws InterruptedException {
        assertNull(disconnections.poll(millis, TimeUnit.MILLISECONDS), "unexpected disconnection");
    }

    private static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T next = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(next, "no " + what + " within " + WAIT_SECONDS + " s");
        return next;
    }
}
