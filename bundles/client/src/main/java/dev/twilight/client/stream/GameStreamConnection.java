package dev.twilight.client.stream;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.LaunchResult;
import dev.twilight.api.client.ReceivedAudio;
import dev.twilight.api.client.ReceivedFrame;
import dev.twilight.api.client.StreamConnection;
import dev.twilight.api.client.StreamEnd;
import dev.twilight.api.client.StreamReceiver;
import dev.twilight.api.client.StreamSettings;
import dev.twilight.api.client.StreamStatistics;
import dev.twilight.api.decode.OpusStreams;
import dev.twilight.api.input.InputEvent;
import dev.twilight.client.stats.Percentiles;
import dev.twilight.gamestream.crypto.ControlMessage;
import dev.twilight.gamestream.crypto.InputPackets;
import dev.twilight.gamestream.crypto.StreamEncryption;
import dev.twilight.transport.audio.AudioDepacketizer;
import dev.twilight.transport.audio.AudioPacketListener;
import dev.twilight.transport.audio.ReceivedAudioPacket;
import dev.twilight.transport.crypto.AudioCipher;
import dev.twilight.transport.crypto.VideoCipher;
import dev.twilight.transport.video.ReceivedVideoFrame;
import dev.twilight.transport.video.VideoDepacketizer;
import dev.twilight.transport.video.VideoFrameListener;
import dev.twilight.transport.video.VideoFrameType;
import dev.twilight.transport.video.VideoReceiveStatistics;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream from a host after its RTSP handshake: the control stream, the video and audio receivers feeding the
 * transport's depacketizers, the pings that keep all three alive, and the rule that a lost frame costs an IDR
 * request and every frame up to the next key frame.
 */
final class GameStreamConnection implements StreamConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GameStreamConnection.class);
    private static final long CONTROL_PING_MS = 100;
    private static final long MEDIA_PING_MS = 500;
    /** As Moonlight: a host that sends no video for this long after the handshake is gone. */
    private static final long NO_VIDEO_LIMIT_MS = 10_000;
    /** A video datagram is packetSize + 16 bytes (fact sheet §2.2). */
    private static final int VIDEO_PACKET_MARGIN = 16;
    /** Opus packets are at most 1400 bytes; RTP and FEC headers and CBC padding come on top. */
    private static final int MAX_AUDIO_DATAGRAM_BYTES = 1500;
    private static final long VIDEO_LOSS_SEED = 1;
    private static final long AUDIO_LOSS_SEED = 2;

    private final StreamReceiver receiver;
    private final OpusStreams audioLayout;
    private final ControlChannel control;
    private final VideoDepacketizer videoDepacketizer;
    private final MediaReceiver video;
    private final MediaReceiver audio;
    private final ScheduledExecutorService timers;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Percentiles hostLatency = new Percentiles();
    private final AtomicLong idrRequests = new AtomicLong();
    private final AtomicLong framesSkipped = new AtomicLong();
    private final AtomicLong audioReceived = new AtomicLong();
    private final AtomicLong audioRecovered = new AtomicLong();
    private final AtomicLong audioLost = new AtomicLong();
    /** Video thread only: frames are held back until a key frame, and one IDR request is due. */
    private boolean awaitingKeyFrame = true;
    private boolean keyFrameToRequest = true;

    /**
     * Connects the control stream and opens the media sockets; {@link #start()} begins receiving and pinging.
     *
     * @throws ClientException when the control stream does not connect or a socket cannot be opened
     */
    GameStreamConnection(NegotiatedStream stream, LaunchResult launch, StreamSettings settings,
                         StreamReceiver receiver) throws ClientException {
        this.receiver = receiver;
        this.audioLayout = stream.audioLayout();
        byte[] key = launch.remoteInputKey();
        boolean videoEncrypted = stream.encrypts(StreamEncryption.VIDEO);
        videoDepacketizer = new VideoDepacketizer(stream.packetSize(), videoEncrypted ? new VideoCipher(key) : null,
                new VideoListener());
        AudioDepacketizer audioDepacketizer = new AudioDepacketizer(settings.audioPacketDurationMs(),
                stream.encrypts(StreamEncryption.AUDIO) ? new AudioCipher(key, launch.remoteInputKeyId()) : null,
                new AudioListener());
        control = new ControlChannel(stream.control(), stream.connectData(), key, this::endedByStream);
        try {
            video = new MediaReceiver("video", stream.video(), stream.videoPingPayload(),
                    stream.packetSize() + VIDEO_PACKET_MARGIN + (videoEncrypted ? VideoCipher.PREFIX_BYTES : 0),
                    videoDepacketizer::accept,
                    settings.simulatedLossPercent(), VIDEO_LOSS_SEED, NO_VIDEO_LIMIT_MS,
                    () -> endedByStream(new StreamEnd(StreamEnd.Reason.CONNECTION_LOST, 0,
                            "no video came from the host within " + NO_VIDEO_LIMIT_MS / 1000 + " s")));
            try {
                audio = new MediaReceiver("audio", stream.audio(), stream.audioPingPayload(),
                        MAX_AUDIO_DATAGRAM_BYTES, audioDepacketizer::accept, settings.simulatedLossPercent(),
                        AUDIO_LOSS_SEED, NO_VIDEO_LIMIT_MS, () -> LOG.warn("No audio came from the host"));
            } catch (SocketException e) {
                video.close();
                throw e;
            }
        } catch (SocketException e) {
            control.close(true);
            throw new ClientException("cannot open a UDP socket for the media streams", e);
        }
        timers = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("twilight-stream-pings", true));
    }

    void start() {
        receiver.audioLayout(audioLayout);
        video.start();
        audio.start();
        timers.scheduleAtFixedRate(() -> guarded(control::ping), 0, CONTROL_PING_MS, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> guarded(() -> {
            video.ping();
            audio.ping();
        }), 0, MEDIA_PING_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public StreamStatistics statistics() {
        VideoReceiveStatistics videoStatistics = videoDepacketizer.statistics();
        return new StreamStatistics(videoStatistics.packetsReceived(), videoStatistics.packetsMissing(),
                videoStatistics.framesComplete(), videoStatistics.framesRecoveredByFec(),
                videoStatistics.framesLost(), framesSkipped.get(), idrRequests.get(), audioReceived.get(),
                audioRecovered.get(), audioLost.get(), video.bytesReceived() + audio.bytesReceived(),
                video.droppedBySimulation() + audio.droppedBySimulation(), control.roundTripTimeMillis(),
                hostLatency.millis(0.5), hostLatency.millis(0.99));
    }

    @Override
    public void send(InputEvent event) {
        byte[] packet = InputPackets.encode(event);
        if (ended.get()) {
            throw new IllegalStateException("the stream has ended");
        }
        control.send(InputPackets.channel(event), ControlMessage.INPUT, packet);
    }

    @Override
    public void requestIdr() {
        idrRequests.incrementAndGet();
        control.send(ControlChannel.URGENT_CHANNEL, ControlMessage.IDR_REQUEST, new byte[2]);
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            tearDown(true);
            receiver.ended(new StreamEnd(StreamEnd.Reason.CLOSED, 0, "closed by this client"));
        }
    }

    /**
     * The host or the network ended the stream. Called on the control or video thread, which the teardown waits
     * for, so it runs on a thread of its own.
     */
    private void endedByStream(StreamEnd end) {
        if (ended.compareAndSet(false, true)) {
            LOG.info("Stream ended: {}", end.message());
            Thread ending = new Thread(() -> {
                tearDown(false);
                receiver.ended(end);
            }, "twilight-stream-end");
            ending.setDaemon(true);
            ending.start();
        }
    }

    private void tearDown(boolean graceful) {
        timers.shutdownNow();
        control.close(graceful);
        video.close();
        audio.close();
    }

    /** A failing ping must not cancel the schedule (an exception would). */
    private static void guarded(Runnable ping) {
        try {
            ping.run();
        } catch (RuntimeException e) {
            LOG.debug("A ping failed", e);
        }
    }

    /** On the video thread. */
    private final class VideoListener implements VideoFrameListener {

        @Override
        public void frameReceived(ReceivedVideoFrame frame) {
            if (frame.hostLatencyTenthsMs() > 0) {
                hostLatency.recordTenthsOfMs(frame.hostLatencyTenthsMs());
            }
            boolean keyFrame = frame.frameType() == VideoFrameType.IDR;
            if (awaitingKeyFrame && !keyFrame) {
                // the decoder's references are broken until a key frame: ask once, on the first complete frame
                framesSkipped.incrementAndGet();
                if (keyFrameToRequest) {
                    keyFrameToRequest = false;
                    requestIdr();
                }
                return;
            }
            awaitingKeyFrame = false;
            keyFrameToRequest = false;
            receiver.videoFrame(new ReceivedFrame(frame.frameIndex(), keyFrame, frame.hostLatencyTenthsMs(),
                    frame.rtpTimestamp(), frame.data(), frame.recoveredByFec(), System.nanoTime()));
        }

        @Override
        public void framesLost(long firstFrameIndex, long lastFrameIndex) {
            awaitingKeyFrame = true;
            keyFrameToRequest = true;
        }
    }

    /** On the audio thread. */
    private final class AudioListener implements AudioPacketListener {

        @Override
        public void packetReceived(ReceivedAudioPacket packet) {
            audioReceived.incrementAndGet();
            if (packet.recoveredByFec()) {
                audioRecovered.incrementAndGet();
            }
            receiver.audioPacket(new ReceivedAudio(packet.sequenceNumber(), packet.timestampMs(), packet.opus(),
                    packet.recoveredByFec()));
        }

        @Override
        public void packetsLost(int firstSequenceNumber, int count) {
            audioLost.addAndGet(count);
        }
    }
}
