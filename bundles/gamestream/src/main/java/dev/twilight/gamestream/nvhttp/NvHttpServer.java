package dev.twilight.gamestream.nvhttp;

import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.pairing.PinOutcome;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.session.SessionListener;
import dev.twilight.api.session.SessionManager;
import dev.twilight.gamestream.crypto.Identity;
import dev.twilight.gamestream.pairing.PairingAttempts;
import dev.twilight.gamestream.rtsp.RtspServer;
import dev.twilight.storage.StateDirectory;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
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
 * The GameStream nvhttp server: plain HTTP on the base port, HTTPS with client certificates on base - 5. It
 * owns the Netty event loops (I/O only) and the bounded executor the requests run on, and it takes the PINs
 * for pairing: the {@link PairingService} it registers carries the ports actually bound.
 */
@Component(service = {}, configurationPid = NvHttpServer.PID, immediate = true,
        // starts only from its configuration file, so built-in defaults never listen or multicast first
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NvHttpConfig.class)
public class NvHttpServer implements PairingService {

    public static final String PID = "dev.twilight.gamestream.nvhttp";
    /** PairingService property: the bound HTTP port (Integer). */
    public static final String HTTP_PORT_PROPERTY = "nvhttp.port";
    /** PairingService property: the bound HTTPS port (Integer). */
    public static final String HTTPS_PORT_PROPERTY = "nvhttp.https.port";
    /** PairingService property: the address listened on (String; 0.0.0.0 or :: for every interface). */
    public static final String ADDRESS_PROPERTY = "nvhttp.address";

    private static final Logger LOG = LoggerFactory.getLogger(NvHttpServer.class);
    private static final int HTTPS_OFFSET = -5;
    private static final int RTSP_OFFSET = 21;
    private static final long REQUEST_DEADLINE_MS = 10_000;
    private static final int REQUEST_THREADS = 4;
    private static final int REQUEST_QUEUE = 64;
    private static final long SHUTDOWN_SECONDS = 5;

    private final EventLoopGroup acceptors;
    private final EventLoopGroup io;
    private final ThreadPoolExecutor requests;
    private final PairingAttempts attempts;
    private final Channel http;
    private final Channel https;
    private final AtomicReference<VideoPipeline> pipeline = new AtomicReference<>();
    /** The RTSP server's bound port once it runs (it may be configured apart from the nvhttp port); 0 before. */
    private final AtomicInteger rtspPort = new AtomicInteger();
    /** Set once both ports are bound, before they accept connections. */
    private volatile NvHttpRouter router;
    private volatile ServiceRegistration<PairingService> registration;

    @Activate
    public NvHttpServer(NvHttpConfig config, BundleContext context,
                        @Reference(name = "pairedClients") PairedClients pairedClients,
                        @Reference(name = "apps") AppRegistry apps,
                        @Reference(name = "sessions") SessionManager sessions) throws IOException {
        this(config, StateDirectory.resolve(config.state_dir(), context.getProperty(StateDirectory.FRAMEWORK_PROPERTY),
                StateDirectory.HOST), pairedClients, apps, sessions);
        // registered by hand: its properties are the ports bound, known only now
        registration = context.registerService(PairingService.class, this, FrameworkUtil.asDictionary(
                Map.of(HTTP_PORT_PROPERTY, httpPort(), HTTPS_PORT_PROPERTY, httpsPort(),
                        ADDRESS_PROPERTY, ((InetSocketAddress) http.localAddress()).getAddress().getHostAddress())));
    }

    /** Starts listening; the host identity lives in {@code <stateDirectory>/identity}. */
    NvHttpServer(NvHttpConfig config, Path stateDirectory, PairedClients pairedClients, AppRegistry apps,
                 SessionManager sessions) throws IOException {
        validate(config);
        Identity identity = Identity.loadOrCreate(stateDirectory.resolve("identity"), Identity.Role.HOST);
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("twilight-nvhttp-accept", true),
                NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("twilight-nvhttp-io", true),
                NioIoHandler.newFactory());
        requests = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REQUEST_QUEUE), new DefaultThreadFactory("twilight-nvhttp-request", true));
        requests.allowCoreThreadTimeOut(true);
        attempts = new PairingAttempts(identity, pairedClients, Duration.ofMillis(config.pairing_timeout_ms()),
                config.pairing_failures_per_minute(), io, Clock.systemUTC());
        try {
            InetAddress address = InetAddress.getByName(config.bind_address().strip());
            http = bind(address, config.port(), null);
            int httpPort = port(http);
            int httpsPort = config.https_port() >= 0 ? config.https_port()
                    : config.port() == 0 ? 0 : config.port() + HTTPS_OFFSET;
            https = bind(address, httpsPort, ServerTls.context(identity));
            String hostname = config.hostname().isBlank() ? HostName.ofThisMachine() : config.hostname().strip();
            router = new NvHttpRouter(pairedClients, attempts,
                    new ServerInfoEndpoint(hostname, identity.uniqueId(), httpPort, port(https), sessions, pipeline::get),
                    new PairEndpoint(attempts, identity.certificatePem()),
                    new AppEndpoints(apps),
                    new SessionEndpoints(sessions, () -> {
                        int bound = rtspPort.get();
                        return bound > 0 ? bound : httpPort + RTSP_OFFSET;
                    }));
            http.config().setAutoRead(true);
            https.config().setAutoRead(true);
            LOG.info("GameStream host '{}' (uniqueid {}) listening on HTTP {}, HTTPS {}; RTSP expected on port {}",
                    hostname, identity.uniqueId(), http.localAddress(), https.localAddress(), httpPort + RTSP_OFFSET);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** /launch tells clients the port the RTSP server actually bound. */
    @Reference(name = "rtsp", service = SessionListener.class, target = "(" + RtspServer.PORT_PROPERTY + "=*)",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRtsp(Map<String, Object> properties) {
        rtspPort.set(((Number) properties.get(RtspServer.PORT_PROPERTY)).intValue());
    }

    void unbindRtsp(Map<String, Object> properties) {
        rtspPort.compareAndSet(((Number) properties.get(RtspServer.PORT_PROPERTY)).intValue(), 0);
    }

    private static void validate(NvHttpConfig config) {
        if (config.port() != 0 && (config.port() < 1029 || config.port() > 65514)) {
            throw new IllegalArgumentException("port " + config.port() + " is out of range: use 1029 to 65514, so "
                    + "that port - 5 and port + 21 are valid too, or 0 for a free port");
        }
        if (config.https_port() < -1 || config.https_port() > 65535) {
            throw new IllegalArgumentException("https.port " + config.https_port()
                    + " is out of range: use -1 for port - 5, 0 for a free port, or a port number");
        }
        if (config.pairing_timeout_ms() < 1000 || config.pairing_failures_per_minute() < 1) {
            throw new IllegalArgumentException("pairing.timeout.ms must be at least 1000 and "
                    + "pairing.failures.per.minute at least 1");
        }
    }

    /** Binds without accepting yet: connections are taken once the router knows both ports. */
    private Channel bind(InetAddress address, int port, SSLContext tls) throws IOException {
        ChannelFuture bound = new ServerBootstrap()
                .group(acceptors, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new NvHttpChannelInitializer(tls, this::dispatch, requests, REQUEST_DEADLINE_MS))
                .bind(new InetSocketAddress(address, port))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException("cannot listen for " + (tls == null ? "HTTP" : "HTTPS") + " on "
                    + address.getHostAddress() + ":" + port + " (" + bound.cause().getMessage() + "): stop the "
                    + "program using that port (another GameStream host?) or change port in " + PID, bound.cause());
        }
        return bound.channel();
    }

    private CompletableFuture<NvHttpReply> dispatch(NvHttpRequest request) {
        return router.route(request);
    }

    private static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    int httpPort() {
        return port(http);
    }

    int httpsPort() {
        return port(https);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setVideoPipeline(VideoPipeline videoPipeline) {
        pipeline.set(videoPipeline);
    }

    void unsetVideoPipeline(VideoPipeline videoPipeline) {
        pipeline.compareAndSet(videoPipeline, null);
    }

    @Override
    public List<PendingPairing> pending() {
        return attempts.pending();
    }

    @Override
    public PinOutcome submitPin(String pin, String clientName) {
        return attempts.submitPin(pin, clientName);
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<PairingService> registered = registration;
        if (registered != null) {
            registered.unregister();
        }
        stop();
        LOG.info("GameStream host stopped listening");
    }

    /** Ends pairing attempts, closes the ports, and gives running requests a bounded time to finish. */
    private void stop() {
        attempts.close();
        for (Channel channel : new Channel[] {http, https}) {
            if (channel != null) {
                channel.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            }
        }
        BoundedShutdown.stop("nvhttp", requests, SHUTDOWN_SECONDS, acceptors, io);
    }
}
