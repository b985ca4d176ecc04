package dev.twilight.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.DiscoveredHost;
import dev.twilight.api.client.GameStreamClient;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostDiscovery;
import dev.twilight.api.client.HostInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The discover verb against a discovery and hosts of the test's making: nothing here touches the network. */
class DiscoverVerbTest {

    private static final HostInfo DEN = new HostInfo("Den", "den-id", "7.1.431.-1", "3.23.0.74", 47984, 1, false, 0,
            false);
    private static final HostInfo OFFICE = new HostInfo("office-pc", "office-id", "7.1.431.-1", "3.23.0.74", 47984,
            1, true, 881448767, true);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Duration> asked = new ArrayList<>();

    @Test
    void eachHostFoundIsDescribedOnceWithWhatToRunNext() throws Exception {
        List<DiscoveredHost> found = List.of(
                new DiscoveredHost("Den", List.of("10.0.0.5"), 47989),
                // the same host advertised on a second network, renamed there by mDNS
                new DiscoveredHost("Den (2)", List.of("10.0.0.9"), 47989),
                new DiscoveredHost("Office", List.of("10.0.0.6", "192.168.7.6"), 47123),
                new DiscoveredHost("Refusing", List.of("10.0.0.7"), 47989),
                new DiscoveredHost("Silent", List.of("10.0.0.8"), 47989));
        CountDownLatch silentAbandoned = new CountDownLatch(1);
        HostsByAddress hosts = new HostsByAddress(Map.of("10.0.0.5", DEN, "10.0.0.9", DEN, "10.0.0.6", OFFICE),
                silentAbandoned);

        int exit = run(found, hosts, "discover", "--seconds", "5");

        assertEquals(ClientCommandLine.OK, exit, err.toString());
        assertEquals(List.of(Duration.ofSeconds(5)), asked);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Found 4 hosts:"), printed);
        assertTrue(printed.contains("  Den at 10.0.0.5 (also 10.0.0.9)\n"
                + "    hostname Den, GameStream 7.1.431.-1, paired: no, busy: no\n"
                + "    pair:   ./twilight client pair 10.0.0.5\n"), printed);
        assertTrue(printed.contains("  Office at 10.0.0.6:47123 (also 192.168.7.6:47123)\n"
                + "    hostname office-pc, GameStream 7.1.431.-1, paired: yes, busy: yes (app 881448767 running)\n"
                + "    stream: ./twilight client stream 10.0.0.6:47123 APP  (apps: ./twilight client list "
                + "10.0.0.6:47123)\n"), printed);
        assertTrue(printed.contains("  Refusing at 10.0.0.7\n    serverinfo failed: connection refused\n"
                + "    check:  ./twilight client status 10.0.0.7\n"), printed);
        assertTrue(printed.contains("  Silent at 10.0.0.8\n    no answer to serverinfo within 3 s\n"), printed);
        assertFalse(printed.contains("Den (2)"), printed);
        assertTrue(silentAbandoned.await(5, TimeUnit.SECONDS),
                "the silent host's question is interrupted, not left running");
    }

    @Test
    void noHostFoundExitsWithOneAndSaysWhatToCheck() {
        int exit = run(List.of(), new HostsByAddress(Map.of(), new CountDownLatch(1)), "discover");

        assertEquals(ClientCommandLine.FAILED, exit);
        assertEquals(List.of(Duration.ofSeconds(3)), asked, "3 s unless told otherwise");
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("no GameStream host answered within 3 s"), printed);
        assertTrue(printed.contains("dev.twilight.gamestream.mdns.config"), printed);
        assertTrue(printed.contains("./twilight client pair ADDRESS"), printed);
    }

    @Test
    void aDiscoveryFailureAndBadArgumentsAreReported() {
        ClientCommandLine commandLine = commandLine(duration -> {
            throw new ClientException(0, "no network interface to browse on");
        }, new HostsByAddress(Map.of(), new CountDownLatch(1)));
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(ClientCommandLine.FAILED, commandLine.run(new String[] {"discover"}, System.out, errors));
        assertTrue(err.toString(StandardCharsets.UTF_8)
                .contains("twilight: discover failed: no network interface to browse on"), err.toString());
        assertEquals(ClientCommandLine.USAGE,
                commandLine.run(new String[] {"discover", "--seconds", "0"}, System.out, errors));
        assertEquals(ClientCommandLine.USAGE, commandLine.run(new String[] {"discover", "mypc"}, System.out, errors));
    }

    private int run(List<DiscoveredHost> found, GameStreamClient client, String... line) {
        ClientCommandLine commandLine = commandLine(duration -> {
            asked.add(duration);
            return found;
        }, client);
        return commandLine.run(line, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static ClientCommandLine commandLine(HostDiscovery discovery, GameStreamClient client) {
        ClientCommandLine commandLine = new ClientCommandLine();
        commandLine.client = client;
        commandLine.discovery = discovery;
        return commandLine;
    }

    /**
     * Answers serverinfo for the addresses it knows, refuses 10.0.0.7 and never answers 10.0.0.8 (until it is
     * interrupted, which it reports).
     */
    private record HostsByAddress(Map<String, HostInfo> infos, CountDownLatch silentAbandoned)
            implements ClientStub {

        @Override
        public HostInfo serverInfo(HostAddress host) throws ClientException {
            if (host.host().equals("10.0.0.8")) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    silentAbandoned.countDown();
                }
                throw new ClientException(0, "interrupted");
            }
            HostInfo info = infos.get(host.host());
            if (info == null) {
                throw new ClientException(0, "connection refused");
            }
            return info;
        }
    }
}
