package dev.twilight.gamestream.rtsp;

import dev.twilight.api.capture.AudioCaptureSource;
import dev.twilight.api.input.InputSink;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionListener;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import dev.twilight.gamestream.audio.AudioServer;
import dev.twilight.gamestream.control.ControlServer;
import dev.twilight.gamestream.control.IdrRequestCount;
import dev.twilight.gamestream.nvhttp.BoundedShutdown;
import dev.twilight.gamestream.nvhttp.CodecSupport;
import dev.twilight.gamestream.nvhttp.NvHttpServer;
import dev.twilight.gamestream.video.VideoServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's RTSP server: the handshake Moonlight clients perform after {@code /launch}, one request per TCP
 * connection, plaintext ({@code rtsp://}) or encrypted ({@code rtspenc://}). It follows the nvhttp server, whose
 * {@link PairingService} properties give the base port and address, and keeps each session's handshake in
 * {@link #handshakes()} for the streaming planes. It owns the {@link VideoServer} on the video port and the
 * {@link ControlServer} on the control port, which find their sessions among these handshakes, hands the video
 * server the {@link VideoPipeline}, the audio server the {@link AudioCaptureSource}s and the control server the
 * {@link InputSink}s, and routes the clients' IDR requests to the session's video. It registers itself as a
 * {@link SessionListener}, to forget a session's handshake and end its video and control stream when the session
 * stops, with the bound port as property {@value #PORT_PROPERTY}.
 */
@Component(service = {}, configurationPid = RtspServer.PID, immediate = true,
        // starts only from its configuration file, so built-in defaults never listen first
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RtspConfig.class)
public class RtspServer implements SessionListener {

    public static final String PID = "dev.twilight.gamestream.rtsp";
    /** SessionListener property: the bound RTSP port (Integer). */
    public static final String PORT_PROPERTY = "rtsp.port";

    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    /** Offsets from the nvhttp base port, as Sunshine derives its ports and clients expect them. */
    private static final int RTSP_OFFSET = 21;
    private static final int VIDEO_OFFSET = 9;
    private static final int CONTROL_OFFSET = 10;
    private static final int AUDIO_OFFSET = 11;
    private static final int MAX_PORT = 65535;
    private static final long REQUEST_DEADLINE_MS = 10_000;
    /** A handshake is seven short requests, one after the other, per client. */
    private static final int REQUEST_THREADS = 2;
    private static final int REQUEST_QUEUE = 32;
    private static final long SHUTDOWN_SECONDS = 5;

    private final RtspHandshakes handshakes = new RtspHandshakes();
    private final AtomicReference<VideoPipeline> pipeline = new AtomicReference<>();
    private final EventLoopGroup loop;
    private final ThreadPoolExecutor requests;
    private final VideoServer video;
    private final ControlServer control;
    private final AudioServer audio;
    private final Channel listener;
    private volatile ServiceRegistration<SessionListener> registration;

    @Activate
    public RtspServer(RtspConfig config, BundleContext context,
                      @Reference(name = "nvhttp", service = PairingService.class,
                              target = "(" + NvHttpServer.HTTP_PORT_PROPERTY + "=*)") Map<String, Object> nvhttp,
                      @Reference(name = "sessions") SessionManager sessions) throws IOException {
        this(config, ((Number) nvhttp.get(NvHttpServer.HTTP_PORT_PROPERTY)).intValue(),
                String.valueOf(nvhttp.get(NvHttpServer.ADDRESS_PROPERTY)), sessions);
        // registered by hand: its property is the port bound, known only now
        registration = context.registerService(SessionListener.class, this,
                FrameworkUtil.asDictionary(Map.of(PORT_PROPERTY, port())));
    }

    /**
     * Starts listening, for RTSP, video pings and the control stream.
     *
     * @param nvhttpPort    the nvhttp HTTP port the default ports derive from
     * @param nvhttpAddress the address nvhttp listens on, listened on too unless configured otherwise
     */
    RtspServer(RtspConfig config, int nvhttpPort, String nvhttpAddress, SessionManager sessions) throws IOException {
        int videoPort = streamPort("video_port", config.video_port(), nvhttpPort + VIDEO_OFFSET);
        int controlPort = streamPort("control_port", config.control_port(), nvhttpPort + CONTROL_OFFSET);
        int audioPort = streamPort("audio_port", config.audio_port(), nvhttpPort + AUDIO_OFFSET);
        int port = rtspPort(config.port(), nvhttpPort);
        loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("twilight-rtsp-io", true),
                NioIoHandler.newFactory());
        requests = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REQUEST_QUEUE), new DefaultThreadFactory("twilight-rtsp-request", true));
        requests.allowCoreThreadTimeOut(true);
        try {
            InetAddress address = InetAddress.getByName(
                    config.bind_address().isBlank() ? nvhttpAddress : config.bind_address().strip());
            // a free RTSP port (tests) takes free video and control ports too; SETUP announces the ones bound
            video = new VideoServer(new InetSocketAddress(address, port == 0 ? 0 : videoPort), handshakes, sessions,
                    pipeline::get, config.video_pacing_mbps() * 1_000_000L);
            control = new ControlServer(new InetSocketAddress(address, port == 0 ? 0 : controlPort), handshakes,
                    sessions, sessionId -> new IdrRequestCount(video.idrRequests(sessionId)));
            audio = new AudioServer(new InetSocketAddress(address, port == 0 ? 0 : audioPort), handshakes,
                    List.of(config.audio_source_preference()));
            StreamPorts ports = new StreamPorts(video.port(), control.port(), audio.port());
            RtspResponder responder = new RtspResponder(sessions, handshakes,
                    new RtspCommands(sessions, handshakes, () -> CodecSupport.flags(pipeline.get()), ports));
            ChannelFuture bound = new ServerBootstrap()
                    .group(loop)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new RtspChannelInitializer(responder, requests, REQUEST_DEADLINE_MS))
                    .bind(new InetSocketAddress(address, port))
                    .awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new IOException("cannot listen for RTSP on " + address.getHostAddress() + ":" + port + " ("
                        + bound.cause().getMessage() + "): stop the program using that port (another GameStream "
                        + "host?) or change the nvhttp base port", bound.cause());
            }
            listener = bound.channel();
            LOG.info("RTSP listening on {}; SETUP sends clients to UDP video {}, control {}, audio {}",
                    listener.localAddress(), ports.video(), ports.control(), ports.audio());
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static int rtspPort(int configured, int nvhttpPort) {
        int port = configured == -1 ? nvhttpPort + RTSP_OFFSET : configured;
        if (configured < -1 || port > MAX_PORT) {
            throw new IllegalArgumentException("RTSP port " + port + " is out of range: set port in " + PID
                    + " to -1 for the nvhttp port + 21, 0 for a free port, or a port number up to " + MAX_PORT);
        }
        return port;
    }

    private static int streamPort(String name, int configured, int derived) {
        int port = configured == -1 ? derived : configured;
        if (port < 1 || port > MAX_PORT) {
            throw new IllegalArgumentException(name + " " + port + " is out of range: set " + name + " in " + PID
                    + " to -1 for its offset from the nvhttp port, or a port number from 1 to " + MAX_PORT);
        }
        return port;
    }

    /** The port bound. */
    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Each live session's handshake and, once it announced, its stream parameters. */
    public RtspHandshakes handshakes() {
        return handshakes;
    }

    /** The video of the sessions announced over RTSP. */
    public VideoServer video() {
        return video;
    }

    /** The audio of the sessions announced over RTSP. */
    public AudioServer audio() {
        return audio;
    }

    /** The control stream of the sessions announced over RTSP. */
    public ControlServer control() {
        return control;
    }

    /**
     * A session that stops streams no more: its handshake goes, so a new launch starts a new one, its video stops,
     * and its client is told by the control stream.
     */
    @Override
    public void sessionEvent(StreamSession session, SessionEvent event) {
        if (event.state() == SessionState.STOPPING || event.state() == SessionState.ENDED) {
            handshakes.forget(session.id());
            video.sessionEnded(session.id());
            audio.sessionEnded(session.id());
            control.sessionEnded(session.id());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInputSink(InputSink sink) {
        control.addInputSink(sink);
    }

    void removeInputSink(InputSink sink) {
        control.removeInputSink(sink);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAudioSource(AudioCaptureSource source) {
        audio.addSource(source);
    }

    void removeAudioSource(AudioCaptureSource source) {
        audio.removeSource(source);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setVideoPipeline(VideoPipeline videoPipeline) {
        pipeline.set(videoPipeline);
    }

    void unsetVideoPipeline(VideoPipeline videoPipeline) {
        pipeline.compareAndSet(videoPipeline, null);
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<SessionListener> registered = registration;
        if (registered != null) {
            registered.unregister();
        }
        stop();
        LOG.info("RTSP stopped listening");
    }

    /** Closes the ports and gives running requests a bounded time to finish. */
    private void stop() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
        if (control != null) {
            control.close();
        }
        if (video != null) {
            video.close();
        }
        if (audio != null) {
            audio.close();
        }
        BoundedShutdown.stop("RTSP", requests, SHUTDOWN_SECONDS, loop);
    }
}
