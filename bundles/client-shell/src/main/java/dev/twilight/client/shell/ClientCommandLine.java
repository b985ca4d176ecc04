package dev.twilight.client.shell;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostApp;
import dev.twilight.api.client.HostDiscovery;
import dev.twilight.api.client.HostInfo;
import dev.twilight.api.client.Playback;
import dev.twilight.api.client.StreamPlayer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Moonlight's verbs for the client role. The launcher runs {@code ./twilight client VERB ...} through
 * {@link #run(String[], PrintStream, PrintStream)} (it finds this service by its {@code twilight.cli} property and
 * calls it with JDK types only); the Gogo shell has the same verbs as {@code client:*}.
 */
@Component(service = ClientCommandLine.class, property = {
    ClientCommandLine.CLI_PROPERTY + "=client",
    "osgi.command.scope=client",
    "osgi.command.function=pair",
    "osgi.command.function=list",
    "osgi.command.function=status",
    "osgi.command.function=quit",
    "osgi.command.function=unpair",
    "osgi.command.function=stream",
    "osgi.command.function=discover"
})
public class ClientCommandLine {

    /** Service property the launcher looks the command line up by. */
    static final String CLI_PROPERTY = "twilight.cli";
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "usage: ./twilight client VERB ...",
            DiscoverVerb.USAGE,
            "  pair HOST [--timeout SECONDS]   show a PIN to enter on the host, wait until it is entered",
            "  list HOST                       the host's apps",
            "  status HOST                     what the host reports: paired, running app",
            "  quit HOST                       quit the app running on the host",
            "  unpair HOST                     forget the host (and ask it to forget this client)",
            StreamVerb.USAGE,
            "HOST is a name or address, with :PORT when the host's HTTP port is not 47989.");
    private static final Duration DEFAULT_PAIRING_TIMEOUT = Duration.ofMinutes(2);

    @Reference
    GameStreamClient client;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile StreamPlayer player;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile HostDiscovery discovery;
    private final Set<Playback> playing = ConcurrentHashMap.newKeySet();

    /** Ends running streams (Ctrl+C stops the framework) with a graceful disconnect, leaving the app running. */
    @Deactivate
    void deactivate() {
        playing.forEach(Playback::stop);
    }

    /** Runs one verb; the exit code is 0 on success, 1 when the host refused or failed, 2 for a bad command line. */
    public int run(String[] arguments, PrintStream out, PrintStream err) {
        if (arguments.length == 0 || Set.of("help", "--help", "-h").contains(arguments[0])) {
            (arguments.length == 0 ? err : out).println(USAGE_TEXT);
            return arguments.length == 0 ? USAGE : OK;
        }
        String verb = arguments[0];
        List<String> rest = Arrays.asList(arguments).subList(1, arguments.length);
        try {
            switch (verb) {
                case "pair" -> pair(VerbArguments.parse(verb, rest, Set.of("--timeout"), Set.of()), out);
                case "list" -> list(host(VerbArguments.parse(verb, rest, Set.of(), Set.of())), out);
                case "status" -> status(host(VerbArguments.parse(verb, rest, Set.of(), Set.of())), out);
                case "quit" -> quit(host(VerbArguments.parse(verb, rest, Set.of(), Set.of())), out);
                case "unpair" -> unpair(host(VerbArguments.parse(verb, rest, Set.of(), Set.of())), out);
                case "discover" -> {
                    return discover(VerbArguments.parse(verb, rest, DiscoverVerb.VALUE_OPTIONS, Set.of()), out, err);
                }
                case "stream" -> {
                    return stream(StreamVerb.Request.parse(VerbArguments.parse(verb, rest, StreamVerb.VALUE_OPTIONS,
                            StreamVerb.FLAGS)), out, err);
                }
                default -> throw new UsageException("unknown verb '" + verb + "'");
            }
            return OK;
        } catch (UsageException e) {
            err.println("twilight: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (ClientException e) {
            err.println("twilight: " + verb + " failed: " + Failures.describe(e));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("twilight: " + verb + " interrupted");
            return FAILED;
        }
    }

    @Descriptor("pair with a host: shows the PIN to enter there and waits")
    public void pair(@Descriptor("HOST [--timeout SECONDS]") String... arguments) {
        gogo("pair", arguments);
    }

    @Descriptor("list a paired host's apps")
    public void list(@Descriptor("HOST") String... arguments) {
        gogo("list", arguments);
    }

    @Descriptor("what a host reports: name, whether this client is paired, the running app")
    public void status(@Descriptor("HOST") String... arguments) {
        gogo("status", arguments);
    }

    @Descriptor("quit the app running on a host")
    public void quit(@Descriptor("HOST") String... arguments) {
        gogo("quit", arguments);
    }

    @Descriptor("stream an app; see 'help' for the options")
    public void stream(@Descriptor("HOST APP [options]") String... arguments) {
        gogo("stream", arguments);
    }

    @Descriptor("find hosts on the local network and say how to pair with or stream from each")
    public void discover(@Descriptor("[--seconds N]") String... arguments) {
        gogo("discover", arguments);
    }

    @Descriptor("forget a host")
    public void unpair(@Descriptor("HOST") String... arguments) {
        gogo("unpair", arguments);
    }

    private void gogo(String verb, String[] arguments) {
        String[] line = new String[arguments.length + 1];
        line[0] = verb;
        System.arraycopy(arguments, 0, line, 1, arguments.length);
        run(line, System.out, System.out);
    }

    private void pair(VerbArguments arguments, PrintStream out) throws UsageException, ClientException {
        HostAddress host = host(arguments);
        int timeoutSeconds = arguments.intOption("--timeout", (int) DEFAULT_PAIRING_TIMEOUT.toSeconds(), 1, 3600);
        String pin = client.newPin();
        out.println("PIN " + pin + ": enter it on " + HostArgument.display(host) + " (a Twilight host: './twilight"
                + " pin " + pin + "' or 'twilight:pin " + pin + "'; Sunshine: its web UI, PIN page). Waiting up to "
                + timeoutSeconds + " s...");
        out.flush();
        client.pair(host, pin, Duration.ofSeconds(timeoutSeconds));
        HostInfo info = client.serverInfo(host);
        out.println("Paired with " + info.hostname() + " (" + HostArgument.display(host) + ")");
    }

    private void list(HostAddress host, PrintStream out) throws ClientException {
        List<HostApp> apps = client.appList(host);
        if (apps.isEmpty()) {
            out.println(HostArgument.display(host) + " offers no apps");
        }
        for (HostApp app : apps) {
            out.printf("%-12d %s%s%n", app.id(), app.title(), app.hdrSupported() ? " (HDR)" : "");
        }
    }

    private void status(HostAddress host, PrintStream out) throws ClientException {
        HostInfo info = client.serverInfo(host);
        out.println(info.hostname() + " (" + HostArgument.display(host) + "), GameStream " + info.appVersion());
        out.println("  paired:  " + (info.paired() ? "yes" : "no; run './twilight client pair "
                + HostArgument.display(host) + "'"));
        out.println("  running: " + (info.busy() ? "app " + info.currentGame() : "nothing"));
    }

    private void quit(HostAddress host, PrintStream out) throws ClientException {
        client.cancel(host);
        out.println("Quit the running app on " + HostArgument.display(host) + "; the host reports nothing running");
    }

    private void unpair(HostAddress host, PrintStream out) throws ClientException {
        client.unpair(host);
        out.println("Unpaired from " + HostArgument.display(host));
    }

    private int stream(StreamVerb.Request request, PrintStream out, PrintStream err)
            throws ClientException, InterruptedException {
        StreamPlayer current = player;
        if (current == null) {
            err.println("twilight: no stream player is running; the client bundle provides it: check 'scr:list'");
            return FAILED;
        }
        return new StreamVerb(client, current, new StatusLine(System.console() != null), playing)
                .run(request, out, err);
    }

    private int discover(VerbArguments arguments, PrintStream out, PrintStream err)
            throws UsageException, ClientException, InterruptedException {
        HostDiscovery current = discovery;
        if (current == null) {
            err.println("twilight: host discovery is not running; the client bundle provides it: check 'scr:list'");
            return FAILED;
        }
        return new DiscoverVerb(current, client).run(arguments, out, err);
    }

    private static HostAddress host(VerbArguments arguments) throws UsageException {
        HostAddress host = HostArgument.parse(arguments.positional(0, "a HOST"));
        arguments.expectPositionals(1);
        return host;
    }
}
