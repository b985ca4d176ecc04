package dev.twilight.gamestream.video;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.pipeline.AccessUnitListener;
import dev.twilight.api.pipeline.PipelineException;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.gamestream.control.IdrRequests;
import dev.twilight.gamestream.rtsp.RtspHandshake;
import dev.twilight.gamestream.rtsp.StreamParameters;
import dev.twilight.transport.crypto.VideoCipher;
import dev.twilight.transport.video.VideoPacketizer;
import dev.twilight.transport.video.VideoStreamSender;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's video: a stream of the host's pipeline opened with what ANNOUNCE settled, whose access units a
 * {@link VideoStreamSender} packetizes on the encode thread and sends, paced, from its own thread to the address the
 * client's video pings come from. Frames are numbered from 1; key frames go out as IDR frames; frames dropped for
 * being stale bring a key frame. Opened and stopped by {@link VideoServer} on one thread.
 */
final class VideoSender implements AccessUnitListener, IdrRequests {

    private static final Logger LOG = LoggerFactory.getLogger(VideoSender.class);

    private final String sessionId;
    private final StreamParameters parameters;
    private final Channel channel;
    private final Consumer<String> stopSession;
    private final VideoStreamSender sender;
    private volatile InetSocketAddress client;
    private volatile VideoStream stream;
    private volatile boolean stopped;

    /**
     * Starts the sending thread.
     *
     * @param client              where the client's first video ping came from
     * @param pacingBitsPerSecond the pacing budget; 0 sends each frame as one burst
     * @param stopSession         asks the session manager to stop the session, with the reason
     */
    VideoSender(RtspHandshake handshake, StreamParameters parameters, Channel channel, InetSocketAddress client,
                long pacingBitsPerSecond, Consumer<String> stopSession) {
        this.sessionId = handshake.session().id();
        this.parameters = parameters;
        this.channel = channel;
        this.client = client;
        this.stopSession = stopSession;
        VideoCipher cipher = parameters.encrypted(StreamParameters.ENCRYPT_VIDEO)
                ? new VideoCipher(handshake.session().parameters().remoteInputKey()) : null;
        VideoPacketizer packetizer = new VideoPacketizer(parameters.packetSize(), parameters.fecPercentage(),
                parameters.minRequiredFecPackets(), System.nanoTime(), cipher);
        sender = new VideoStreamSender("twilight-video-send-" + sessionId, packetizer, pacingBitsPerSecond,
                this::send, this::requestIdr);
    }

    /** Opens the pipeline stream; when that fails the session stops, as it cannot stream without video. */
    void open(VideoPipeline pipeline) {
        if (pipeline == null) {
            fail("no video pipeline is running: install and start the host's pipeline bundle");
            return;
        }
        try {
            stream = pipeline.open(configuration(), this);
            LOG.info("Video of session {} streams {} to {}", sessionId, stream.requested(), client);
        } catch (PipelineException | IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /** Closes the pipeline stream and stops the sending thread; nothing is sent after. */
    void stop() {
        stopped = true;
        VideoStream opened = stream;
        if (opened != null) {
            opened.close();
        }
        sender.close();
        if (sender.droppedFrames() > 0) {
            LOG.info("Video of session {} dropped {} stale frames: the network or this host could not keep up",
                    sessionId, sender.droppedFrames());
        }
    }

    /** The client's video socket moved (a NAT rebinding, a new network): video follows its pings. */
    void pingFrom(InetSocketAddress source) {
        if (!source.equals(client)) {
            LOG.info("Video of session {} now goes to {}", sessionId, source);
            client = source;
        }
    }

    @Override
    public void accessUnit(AccessUnit unit) {
        if (stopped) {
            return;
        }
        try {
            sender.send(unit);
        } catch (IllegalArgumentException e) {
            // the client sees the frame lost; a key frame lets it go on
            LOG.warn("Video of session {} skipped frame {}: {}", sessionId, unit.frameNumber(), e.getMessage());
            requestIdr();
        }
    }

    /** One paced batch, on the sending thread; the event loop writes it to the socket in order. */
    private void send(long frameIndex, List<byte[]> batch) {
        InetSocketAddress destination = client;
        for (byte[] datagram : batch) {
            channel.write(new DatagramPacket(Unpooled.wrappedBuffer(datagram), destination));
        }
        channel.flush();
    }

    @Override
    public void streamEnded(String reason) {
        if (!stopped) {
            stopSession.accept("video stream ended: " + reason);
        }
    }

    @Override
    public void requestIdr() {
        VideoStream opened = stream;
        if (opened != null) {
            opened.requestIdr();
        }
    }

    /** The pipeline cannot invalidate single reference frames: a key frame recovers the client as well. */
    @Override
    public void invalidateReferenceFrames(long firstFrame, long lastFrame) {
        requestIdr();
    }

    private StreamConfiguration configuration() {
        return new StreamConfiguration(parameters.width(), parameters.height(), parameters.fps(),
                parameters.videoBitrateKbps(), codec(parameters.codec()), parameters.slicesPerFrame(),
                parameters.maxReferenceFrames(), parameters.hdr());
    }

    private static VideoCodec codec(dev.twilight.gamestream.rtsp.VideoCodec announced) {
        return switch (announced) {
            case H264 -> VideoCodec.H264;
            case HEVC -> VideoCodec.HEVC;
            case AV1 -> VideoCodec.AV1;
        };
    }

    private void fail(String reason) {
        LOG.warn("Video of session {} cannot start: {}", sessionId, reason);
        stopSession.accept("video cannot start: " + reason);
    }
}
