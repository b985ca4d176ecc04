package dev.twilight.client.shell;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.DiscoveredHost;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostDiscovery;
import dev.twilight.api.client.HostInfo;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code discover [--seconds N]}: browses the local network for GameStream hosts, asks every host found for its
 * serverinfo (all at once, for a bounded time), shows each host once and says how to pair with it or stream from
 * it. The exit code is 0 when a host was found and 1 when none was, so that scripts can test for hosts.
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
                    "  - the host runs and advertises itself (Twilight: enabled=true in",
                    "    dev.twilight.gamestream.mdns.config; Sunshine does by default)",
                    "  - no firewall drops mDNS (UDP port 5353); a slow network may need --seconds 10",
                    "Or add the host by its address: ./twilight client pair ADDRESS"));
            return ClientCommandLine.FAILED;
        }
        List<List<Answer>> byHost = sameHostTogether(ask(hosts));
        out.println("Found " + byHost.size() + (byHost.size() == 1 ? " host:" : " hosts:"));
        byHost.forEach(answers -> describe(answers, out));
        return ClientCommandLine.OK;
    }

    /** What one advertised instance answered to serverinfo: its info, or why there is none. */
    private record Answer(DiscoveredHost host, HostInfo info, String problem) {
    }

    /** Asks every instance for its serverinfo side by side; those silent at the deadline are abandoned. */
    private List<Answer> ask(List<DiscoveredHost> hosts) throws InterruptedException {
        ExecutorService questions = Executors.newFixedThreadPool(Math.min(hosts.size(), MAX_PARALLEL_QUESTIONS),
                runnable -> {
                    Thread thread = new Thread(runnable, "twilight-discover-serverinfo");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<HostInfo>> questionsAsked = hosts.stream()
                    .map(host -> questions.submit(() -> client.serverInfo(host.address()))).toList();
            long deadline = System.nanoTime() + SERVERINFO_WAIT.toNanos();
            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                try {
                    answers.add(new Answer(hosts.get(i), questionsAsked.get(i)
                            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    answers.add(new Answer(hosts.get(i), null, "serverinfo failed: "
                            + (e.getCause() instanceof ClientException failure ? Failures.describe(failure)
                            : e.getCause().toString())));
                } catch (TimeoutException e) {
                    answers.add(new Answer(hosts.get(i), null, "no answer to serverinfo within "
                            + SERVERINFO_WAIT.toSeconds() + " s"));
                }
            }
            return answers;
        } finally {
            questions.shutdownNow();
        }
    }

    /**
     * One entry per host: instances whose serverinfo names the same uniqueid are one host, advertised on several
     * networks (a host with several interfaces may even be renamed "name (2)" on one of them by mDNS).
     */
    private static List<List<Answer>> sameHostTogether(List<Answer> answers) {
        Map<String, List<Answer>> byHost = new LinkedHashMap<>();
        for (Answer answer : answers) {
            String key = answer.info() != null ? "uniqueid " + answer.info().uniqueId()
                    : "instance " + answer.host().name() + ":" + answer.host().port();
            byHost.computeIfAbsent(key, ignored -> new ArrayList<>()).add(answer);
        }
        return List.copyOf(byHost.values());
    }

    private static void describe(List<Answer> sameHost, PrintStream out) {
        Answer first = sameHost.get(0);
        String where = HostArgument.display(first.host().address());
        List<String> others = sameHost.stream().flatMap(answer -> answer.host().addresses().stream()
                .map(address -> HostArgument.display(new HostAddress(address, answer.host().port(), 0))))
                .distinct().filter(address -> !address.equals(where)).toList();
        out.println("  " + first.host().name() + " at " + where
                + (others.isEmpty() ? "" : " (also " + String.join(", ", others) + ")"));
        HostInfo info = first.info();
        if (info == null) {
            out.println("    " + first.problem());
            out.println("    check:  ./twilight client status " + where);
            return;
        }
        out.println("    hostname " + info.hostname() + ", GameStream " + info.appVersion() + ", paired: "
                + (info.paired() ? "yes" : "no") + ", busy: "
                + (info.busy() ? "yes (app " + info.currentGame() + " running)" : "no"));
        out.println(info.paired()
                ? "    stream: ./twilight client stream " + where + " APP  (apps: ./twilight client list " + where + ")"
                : "    pair:   ./twilight client pair " + where);
    }
}
