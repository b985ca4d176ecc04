package dev.twilight.gamestream.nvhttp;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a listener's request executor and event loops with every wait bounded, as a deactivate must. */
public final class BoundedShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedShutdown.class);

    private BoundedShutdown() {
    }

    /**
     * @param what     the listener, for the log ("nvhttp", "RTSP")
     * @param requests its request executor; running requests get {@code seconds} to finish, then are interrupted
     * @param loops    its event loop groups, shut down gracefully
     */
    public static void stop(String what, ExecutorService requests, long seconds, EventLoopGroup... loops) {
        requests.shutdown();
        List<Future<?>> loopsDone = Stream.of(loops)
                .<Future<?>>map(loop -> loop.shutdownGracefully(0, 2, TimeUnit.SECONDS)).toList();
        try {
            if (!requests.awaitTermination(seconds, TimeUnit.SECONDS)) {
                LOG.warn("{} requests still running after {} s are interrupted", what, seconds);
                requests.shutdownNow();
            }
        } catch (InterruptedException e) {
            requests.shutdownNow();
            Thread.currentThread().interrupt();
        }
        loopsDone.forEach(done -> done.awaitUninterruptibly(seconds, TimeUnit.SECONDS));
    }
}
