package dev.twilight.gamestream.control;

import dev.twilight.enet.Delivery;
import dev.twilight.enet.DisconnectReason;
import dev.twilight.enet.EnetConfig;
import dev.twilight.enet.EnetHost;
import dev.twilight.enet.EnetListener;
import dev.twilight.enet.EnetPeer;
import dev.twilight.gamestream.rtsp.ReferenceGcm;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;

/**
 * Moonlight's side of the control stream, written from the protocol sheet rather than from the host's classes: an
 * ENet client with 48 channels that seals what it sends and opens what the host sends.
 */
public final class ControlTestClient implements EnetListener, AutoCloseable {

    /** A message from the host, opened. */
    record HostMessage(int sequence, int type, byte[] payload) {
    }

    final BlockingQueue<HostMessage> received = new LinkedBlockingQueue<>();
    final CompletableFuture<DisconnectReason> disconnected = new CompletableFuture<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final byte[] key;
    private final EnetHost host;
    private volatile EnetPeer peer;
    private int sequence;

    public ControlTestClient(byte[] key) {
        this.key = key;
        host = EnetHost.client(group, new InetSocketAddress("127.0.0.1", 0), EnetConfig.DEFAULT, this)
                .syncUninterruptibly().getNow();
    }

    /** @return the connection attempt, done when the ENet handshake is */
    public Future<EnetPeer> connect(int port, int connectData) {
        Future<EnetPeer> connecting = host.connect(new InetSocketAddress("127.0.0.1", port), 48, connectData)
                .awaitUninterruptibly();
        if (connecting.isSuccess()) {
            peer = connecting.getNow();
        } else {
            disconnected.complete(null);
        }
        return connecting;
    }

    public void send(int channel, int type, byte[] payload) {
        peer.send(channel, seal(type, payload), Delivery.RELIABLE);
    }

    void sendRaw(int channel, byte[] message) {
        peer.send(channel, message, Delivery.RELIABLE);
    }

    void disconnect() {
        peer.disconnect(0);
    }

    /** LE16 1, LE16 length, LE32 seq, tag, ciphertext of LE16 type, LE16 length, payload; IV seq LE, 'C', 'C'. */
    byte[] seal(int type, byte[] payload) {
        int seq = sequence++;
        byte[] plaintext = ByteBuffer.allocate(4 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) type).putShort((short) payload.length).put(payload).array();
        byte[] sealed = ReferenceGcm.apply(key, Cipher.ENCRYPT_MODE, seq, 'C', 'C', plaintext);
        int ciphertextLength = sealed.length - 16;
        return ByteBuffer.allocate(24 + ciphertextLength).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) (20 + ciphertextLength)).putInt(seq)
                .put(sealed, ciphertextLength, 16).put(sealed, 0, ciphertextLength).array();
    }

    @Override
    public void connected(EnetPeer connected) {
    }

    @Override
    public void received(EnetPeer from, int channel, ByteBuf payload) {
        ByteBuffer message = ByteBuffer.wrap(ByteBufUtil.getBytes(payload)).order(ByteOrder.LITTLE_ENDIAN);
        if (message.getShort() != 1 || message.getShort() != message.capacity() - 4) {
            throw new AssertionError("the host sent a message not in the encrypted framing");
        }
        int seq = message.getInt();
        byte[] sealed = new byte[message.capacity() - 24 + 16];
        message.get(sealed, sealed.length - 16, 16);
        message.get(sealed, 0, sealed.length - 16);
        ByteBuffer plaintext = ByteBuffer.wrap(ReferenceGcm.apply(key, Cipher.DECRYPT_MODE, seq, 'H', 'C', sealed))
                .order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(plaintext.getShort());
        byte[] body = new byte[Short.toUnsignedInt(plaintext.getShort())];
        plaintext.get(body);
        received.add(new HostMessage(seq, type, body));
    }

    @Override
    public void disconnected(EnetPeer from, DisconnectReason reason, int data) {
        disconnected.complete(reason);
    }

    @Override
    public void close() {
        host.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
