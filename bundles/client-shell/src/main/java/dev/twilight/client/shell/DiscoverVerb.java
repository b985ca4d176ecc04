package dev.twilight.client.shell;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.DiscoveredHost;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostDiscovery;
import dev.twilight.api.client.HostInfo;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code discover [--seconds N]}: browses the local network for GameStream hosts, asks every host found for its
 * serverinfo (all at once, for a bounded time) and says how to pair with it or stream from it. The exit code is 0
 * when a host was found and 1 when none was, so that scripts can test for hosts.
 */
final class DiscoverVerb {

    static final Set<String> VALUE_OPTIONS = Set.of("--seconds");
    static final String USAGE =
            "  discover [--seconds N]          find hosts on the local network (mDNS) for N s (default 3)";
    /** How long the hosts found get, together, to answer serverinfo once browsing is over. */
    private static final Duration SERVERINFO_WAIT = Duration.ofSeconds(3);
    private static final int DEFAULT_SECONDS = 3;
    private static final int MAX_PARALLEL_QUESTIONS = 8;

    private final HostDiscovery discovery;
    private final GameStreamClient client;

    DiscoverVerb(HostDiscovery discovery, GameStreamClient client) {
        this.discovery = discovery;
        this.client = client;
    }

    int run(VerbArguments arguments, PrintStream out, PrintStream err)
            throws UsageException, ClientException, InterruptedException {
        arguments.expectPositionals(0);
        int seconds = arguments.intOption("--seconds", DEFAULT_SECONDS, 1, 60);
        out.println("Looking for GameStream hosts on the local network for " + seconds + " s...");
        out.flush();
        List<DiscoveredHost> hosts = discovery.discover(Duration.ofSeconds(seconds));
        if (hosts.isEmpty()) {
            err.println(String.join(System.lineSeparator(),
                    "twilight: no GameStream host answered within " + seconds + " s. Check that:",
                    "  - this machine and the host are on the same local network (mDNS crosses no router or VPN)",
                    "  - the host runs and advertises itself (Twilight: enabled=true in "
                            + "dev.twilight.gamestream.mdns.config; Sunshine does by default)",
                    "  - no firewall drops mDNS (UDP port 5353); a slow network may need --seconds 10",
                    "Or add the host by its address: ./twilight client pair ADDRESS"));
            return ClientCommandLine.FAILED;
        }
        out.println("Found " + hosts.size() + (hosts.size() == 1 ? " host:" : " hosts:"));
        ExecutorService questions = Executors.newFixedThreadPool(Math.min(hosts.size(), MAX_PARALLEL_QUESTIONS),
                runnable -> {
                    Thread thread = new Thread(runnable, "twilight-discover-serverinfo");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<HostInfo>> answers = hosts.stream()
                    .map(host -> questions.submit(() -> client.serverInfo(host.address()))).toList();
            long deadline = System.nanoTime() + SERVERINFO_WAIT.toNanos();
            for (int i = 0; i < hosts.size(); i++) {
                describe(hosts.get(i), answers.get(i), deadline, out);
            }
        } finally {
            // a host still silent at the deadline is not waited for
            questions.shutdownNow();
        }
        return ClientCommandLine.OK;
    }

    private void describe(DiscoveredHost host, Future<HostInfo> answer, long deadlineNanos, PrintStream out)
            throws InterruptedException {
        String where = HostArgument.display(host.address());
        List<String> others = host.addresses().subList(1, host.addresses().size());
        out.println("  " + host.name() + " at " + where + (others.isEmpty() ? "" : " (also " + String.join(", ",
                others) + ")"));
        try {
            HostInfo info = answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            out.println("    hostname " + info.hostname() + ", GameStream " + info.appVersion() + ", paired: "
                    + (info.paired() ? "yes" : "no") + ", busy: "
                    + (info.busy() ? "yes (app " + info.currentGame() + " running)" : "no"));
            out.println(info.paired()
                    ? "    stream: ./twilight client stream " + where + " APP  (apps: ./twilight client list " + where
                            + ")"
                    : "    pair:   ./twilight client pair " + where);
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof ClientException failure ? Failures.describe(failure)
                    : e.getCause().toString();
            out.println("    serverinfo failed: " + reason);
            out.println("    check:  ./twilight client status " + where);
        } catch (TimeoutException e) {
            out.println("    no answer to serverinfo within " + SERVERINFO_WAIT.toSeconds() + " s");
            out.println("    check:  ./twilight client status " + where);
        }
    }
}
