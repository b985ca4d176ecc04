package dev.twilight.gamestream.audio;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioCaptureSource;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import dev.twilight.gamestream.crypto.OpusLayout;
import dev.twilight.gamestream.rtsp.RtspHandshake;
import dev.twilight.gamestream.rtsp.RtspServer;
import dev.twilight.gamestream.rtsp.StreamParameters;
import dev.twilight.transport.audio.AudioPacketizer;
import dev.twilight.transport.crypto.AudioCipher;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's audio: its own thread takes each chunk from the best of the {@link AudioSources}, whose capture
 * paces it, encodes it with Opus in the advertised {@link OpusLayout}, packetizes it (with FEC, encrypted when
 * ANNOUNCE asked) and sends it to where the client's audio pings come from.
 *
 * <p>Between two chunks, when the sources changed, the thread selects again, as the video pipeline does: a better
 * source takes over, and a source that went away or failed is replaced by the next one, all within the session. A
 * source that failed is passed over until the sources change. With no source at all nothing is sent and the thread
 * waits for one; the session goes on. Started and stopped by {@link AudioServer}.
 */
final class AudioSender {

    private static final Logger LOG = LoggerFactory.getLogger(AudioSender.class);
    private static final long STOP_MILLIS = 2_000;

    private final String sessionId;
    private final StreamParameters parameters;
    private final Channel channel;
    private final AudioPacketizer packetizer;
    private final AudioSources sources;
    private final AudioFormat format;
    private final Thread thread;
    private volatile InetSocketAddress client;
    private volatile boolean stopped;
    /** Opened and read on {@link #thread}; {@link #stop()} closes it to end a waiting {@code nextChunk}. */
    private volatile AudioCapture capture;
    private volatile AudioCaptureSource captureSource;
    /** The rest is used on {@link #thread} only. */
    private final Set<AudioCaptureSource> passedOver = new HashSet<>();
    private long seenGeneration = -1;
    private boolean warnedNoSource;

    AudioSender(RtspHandshake handshake, StreamParameters parameters, Channel channel, InetSocketAddress client,
                AudioSources sources) {
        this.sessionId = handshake.session().id();
        this.parameters = parameters;
        this.channel = channel;
        this.client = client;
        this.sources = sources;
        AudioCipher cipher = parameters.encrypted(StreamParameters.ENCRYPT_AUDIO)
                ? new AudioCipher(handshake.session().parameters().remoteInputKey(),
                        handshake.session().parameters().remoteInputKeyId()) : null;
        packetizer = new AudioPacketizer(parameters.audioPacketDurationMs(), cipher);
        format = new AudioFormat(OpusEncoder.SAMPLE_RATE, parameters.audioChannels(),
                parameters.audioPacketDurationMs());
        thread = new Thread(this::run, "twilight-audio-" + sessionId);
        thread.setDaemon(true);
    }

    /** Starts the sender's thread, which opens the encoder and a source. */
    void start() {
        thread.start();
    }

    /** Stops sending, waiting a bounded time for the thread, which frees the encoder and closes the capture. */
    void stop() {
        stopped = true;
        AudioCapture running = capture;
        if (running != null) {
            running.close();
        }
        thread.interrupt();
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Audio of session {} did not stop in {} ms", sessionId, STOP_MILLIS);
        }
    }

    /** The client's audio socket moved: audio follows its pings. */
    void pingFrom(InetSocketAddress source) {
        if (!source.equals(client)) {
            LOG.info("Audio of session {} now goes to {}", sessionId, source);
            client = source;
        }
    }

    /** The source captured from now, null when there is none. */
    String sourceName() {
        AudioCaptureSource source = captureSource;
        return capture == null || source == null ? null : source.name();
    }

    private void run() {
        OpusEncoder encoder;
        try {
            encoder = new OpusEncoder(OpusLayout.of(parameters.audioChannels(), parameters.highQualityAudio()),
                    parameters.audioPacketDurationMs(),
                    bitrate(parameters.audioChannels(), parameters.highQualityAudio()));
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Audio of session {} cannot start: {}", sessionId, e.toString());
            return;
        }
        try (encoder) {
            while (!stopped) {
                AudioCapture current = select();
                if (current == null) {
                    sources.awaitChange(seenGeneration);
                    continue;
                }
                short[] pcm;
                try {
                    pcm = current.nextChunk();
                } catch (CaptureException e) {
                    if (!stopped) {
                        passOver(e.getMessage());
                    }
                    continue;
                }
                send(encoder, pcm);
            }
        } catch (InterruptedException e) {
            // stop() interrupts
        } finally {
            closeCapture();
        }
    }

    /** The capture to read now: the one open, unless the sources changed and another is better. */
    private AudioCapture select() {
        long generation = sources.generation();
        if (capture != null && generation == seenGeneration) {
            return capture;
        }
        if (generation != seenGeneration) {
            passedOver.clear();
            seenGeneration = generation;
        }
        List<AudioCaptureSource> ranked = sources.ranked();
        ranked.removeAll(passedOver);
        if (capture != null && !ranked.isEmpty() && ranked.get(0) == captureSource) {
            return capture;
        }
        closeCapture();
        for (AudioCaptureSource source : ranked) {
            try {
                AudioCapture opened = source.open(format);
                captureSource = source;
                capture = opened;
                warnedNoSource = false;
                LOG.info("Audio of session {} sends {} channels from '{}' to {}", sessionId, format.channels(),
                        source.name(), client);
                return opened;
            } catch (CaptureException | RuntimeException e) {
                passedOver.add(source);
                LOG.warn("Audio of session {} cannot capture from '{}': {}", sessionId, source.name(), e.getMessage());
            }
        }
        if (!warnedNoSource) {
            warnedNoSource = true;
            LOG.warn("Audio of session {} has no audio source that can capture (registered: {}): it sends no sound "
                    + "until one comes, and the session goes on. Start an audio capture bundle (the synthetic '{}' "
                    + "is in dev.twilight.capture.synthetic) or check audio.source.preference in {}", sessionId,
                    sources.names(), AudioSources.TONE, RtspServer.PID);
        }
        return null;
    }

    private void passOver(String reason) {
        LOG.warn("Audio source '{}' of session {} stopped ({}): moving to the next one", captureSource.name(),
                sessionId, reason);
        passedOver.add(captureSource);
        closeCapture();
    }

    private void send(OpusEncoder encoder, short[] pcm) {
        byte[] opus;
        try {
            opus = encoder.encode(pcm);
        } catch (IllegalArgumentException e) {
            passOver("it gave a chunk of another format: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("Audio of session {} skipped a packet: {}", sessionId, e.toString());
            return;
        }
        if (opus == null) {
            return;
        }
        InetSocketAddress destination = client;
        for (byte[] datagram : packetizer.packetize(opus, 0, opus.length)) {
            channel.write(new DatagramPacket(Unpooled.copiedBuffer(datagram), destination));
        }
        channel.flush();
    }

    private void closeCapture() {
        AudioCapture open = capture;
        capture = null;
        if (open != null) {
            open.close();
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
