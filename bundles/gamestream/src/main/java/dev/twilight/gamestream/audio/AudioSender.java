package dev.twilight.gamestream.audio;

import dev.twilight.gamestream.rtsp.RtspHandshake;
import dev.twilight.gamestream.rtsp.StreamParameters;
import dev.twilight.transport.audio.AudioPacketizer;
import dev.twilight.transport.crypto.AudioCipher;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's audio: every {@code packetDurationMs} its own scheduled thread takes a frame of the
 * {@link TestToneSource}, encodes it with Opus, packetizes it (with FEC, encrypted when ANNOUNCE asked) and sends it
 * to where the client's audio pings come from. Started and stopped by {@link AudioServer}.
 */
final class AudioSender {

    private static final Logger LOG = LoggerFactory.getLogger(AudioSender.class);
    private static final long STOP_MILLIS = 2_000;

    private final String sessionId;
    private final StreamParameters parameters;
    private final Channel channel;
    private final AudioPacketizer packetizer;
    private final TestToneSource source;
    private final ScheduledExecutorService thread;
    private volatile InetSocketAddress client;
    /** Used on {@link #thread} only. */
    private OpusEncoder encoder;

    AudioSender(RtspHandshake handshake, StreamParameters parameters, Channel channel, InetSocketAddress client) {
        this.sessionId = handshake.session().id();
        this.parameters = parameters;
        this.channel = channel;
        this.client = client;
        AudioCipher cipher = parameters.encrypted(StreamParameters.ENCRYPT_AUDIO)
                ? new AudioCipher(handshake.session().parameters().remoteInputKey(),
                        handshake.session().parameters().remoteInputKeyId()) : null;
        packetizer = new AudioPacketizer(parameters.audioPacketDurationMs(), cipher);
        source = new TestToneSource(parameters.audioChannels());
        thread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("twilight-audio-" + sessionId,
                true));
    }

    /** Opens the encoder and starts sending, on the sender's thread. */
    void start() {
        thread.execute(() -> {
            try {
                encoder = new OpusEncoder(parameters.audioChannels(), parameters.audioPacketDurationMs(),
                        bitrate(parameters.audioChannels(), parameters.highQualityAudio()));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Audio of session {} cannot start: {}", sessionId, e.toString());
                thread.shutdown();
                return;
            }
            LOG.info("Audio of session {} sends a {}-channel test tone to {}", sessionId,
                    parameters.audioChannels(), client);
            thread.scheduleAtFixedRate(this::sendOne, 0, parameters.audioPacketDurationMs(), TimeUnit.MILLISECONDS);
        });
    }

    /** Stops sending and frees the encoder, waiting a bounded time for a packet being sent. */
    void stop() {
        try {
            thread.execute(this::closeEncoder);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // already stopped
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Audio of session {} did not stop in {} ms", sessionId, STOP_MILLIS);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The client's audio socket moved: audio follows its pings. */
    void pingFrom(InetSocketAddress source) {
        if (!source.equals(client)) {
            LOG.info("Audio of session {} now goes to {}", sessionId, source);
            client = source;
        }
    }

    private void sendOne() {
        if (encoder == null || thread.isShutdown()) {
            return;
        }
        try {
            byte[] opus = encoder.encode(source.next(encoder.frameSamples()));
            if (opus == null) {
                return;
            }
            InetSocketAddress destination = client;
            for (byte[] datagram : packetizer.packetize(opus, 0, opus.length)) {
                channel.write(new DatagramPacket(Unpooled.copiedBuffer(datagram), destination));
            }
            channel.flush();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: log and go on with the next packet
            LOG.warn("Audio of session {} skipped a packet: {}", sessionId, e.toString());
        }
    }

    private void closeEncoder() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }

    /** Sunshine's CBR bitrates (bits per second) for the channel count and quality. */
    static int bitrate(int channels, boolean highQuality) {
        return switch (channels) {
            case 6 -> highQuality ? 1_536_000 : 256_000;
            case 8 -> highQuality ? 2_048_000 : 450_000;
            default -> highQuality ? 512_000 : 96_000;
        };
    }
}
