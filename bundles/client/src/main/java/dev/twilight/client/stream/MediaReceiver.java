package dev.twilight.client.stream;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media stream's UDP socket, connected to the host's port for that stream: a thread hands each datagram to
 * the stream's depacketizer, and {@link #ping()} sends the session's ping payload from the same socket, which
 * tells the host where to send (fact sheet §2.1, §3.1). Bad datagrams are the depacketizer's to count and drop;
 * nothing thrown here leaves the receive loop.
 */
final class MediaReceiver {

    /** Takes one datagram on the receive thread; the array is reused afterwards. */
    interface DatagramConsumer {
        void accept(byte[] datagram, int offset, int length);
    }

    private static final Logger LOG = LoggerFactory.getLogger(MediaReceiver.class);
    /** Room for a burst of datagrams while the consumer decodes a frame on the receive thread. */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final int POLL_MS = 250;
    private static final long JOIN_MS = 2_000;

    private final String name;
    private final DatagramSocket socket;
    private final byte[] pingPayload;
    private final DatagramConsumer consumer;
    /** Drops a share of the datagrams for loss tests; null when off. */
    private final Random simulatedLoss;
    private final int simulatedLossPercent;
    private final long silenceLimitNanos;
    private final Runnable silent;
    private final Thread thread;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private int pingCounter;
    private volatile boolean running = true;

    /**
     * @param pingPayload          the 16 characters of {@code X-SS-Ping-Payload}
     * @param maxDatagramBytes     the largest datagram the stream carries; longer ones arrive truncated
     * @param simulatedLossPercent datagrams to drop on receipt (0 for none), chosen by a random sequence seeded with
     *                             {@code lossSeed}
     * @param silenceLimitMs       how long to wait for the first datagram before {@code silent} runs (once)
     */
    MediaReceiver(String name, InetSocketAddress host, String pingPayload, int maxDatagramBytes,
                  DatagramConsumer consumer, int simulatedLossPercent, long lossSeed, long silenceLimitMs,
                  Runnable silent) throws SocketException {
        this.name = name;
        this.pingPayload = pingPayload.getBytes(StandardCharsets.US_ASCII);
        this.consumer = consumer;
        this.simulatedLossPercent = simulatedLossPercent;
        this.simulatedLoss = simulatedLossPercent > 0 ? new Random(lossSeed) : null;
        this.silenceLimitNanos = TimeUnit.MILLISECONDS.toNanos(silenceLimitMs);
        this.silent = silent;
        socket = new DatagramSocket(0);
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            socket.setSoTimeout(POLL_MS);
            // only the host's port gets through, and the pings need no address
            socket.connect(host);
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
        thread = new Thread(() -> receive(maxDatagramBytes), "twilight-stream-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The next ping: the payload and a BE32 counter from 1. */
    void ping() {
        byte[] ping = ByteBuffer.allocate(pingPayload.length + 4).put(pingPayload).putInt(++pingCounter).array();
        try {
            socket.send(new DatagramPacket(ping, ping.length));
        } catch (IOException e) {
            // the next ping tries again; a host that stays unreachable ends the stream through the control stream
            LOG.debug("The {} ping failed: {}", name, e.getMessage());
        }
    }

    long bytesReceived() {
        return bytes.get();
    }

    long droppedBySimulation() {
        return dropped.get();
    }

    /** Stops the thread and closes the socket, waiting a bounded time for a datagram being consumed. */
    void close() {
        running = false;
        socket.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void receive(int maxDatagramBytes) {
        byte[] buffer = new byte[maxDatagramBytes + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long started = System.nanoTime();
        boolean heard = false;
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                if (!heard && System.nanoTime() - started > silenceLimitNanos) {
                    heard = true;
                    silent.run();
                }
                continue;
            } catch (IOException e) {
                // a closed socket ends the loop; ICMP port-unreachable and the like are skipped
                if (running) {
                    LOG.debug("Receiving {} failed: {}", name, e.getMessage());
                }
                continue;
            }
            heard = true;
            bytes.addAndGet(packet.getLength());
            if (simulatedLoss != null && simulatedLoss.nextInt(100) < simulatedLossPercent) {
                dropped.incrementAndGet();
                continue;
            }
            try {
                consumer.accept(buffer, 0, packet.getLength());
            } catch (RuntimeException e) {
                LOG.warn("The {} stream's receiver failed on a datagram", name, e);
            }
        }
    }
}
