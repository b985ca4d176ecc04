package dev.twilight.gamestream.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The host's mDNS advertiser and the client's discovery against each other, over real multicast, in a network
 * namespace of the test's own ({@code unshare -n}): it holds a veth pair and loopback only, so nothing reaches the
 * machine's real interfaces, and it disappears with the child JVM, on failure too. Needs root (CI runs as root);
 * as another user the test is skipped, since creating a network namespace is not allowed there.
 */
class DiscoveryInNamespaceTest {

    static final String HOST_LINK = "twd-a";
    static final String CLIENT_LINK = "twd-b";
    static final String HOST_ADDRESS = "10.77.0.1";
    static final String INSTANCE_NAME = "Twilight-NS-Test";
    static final int HTTP_PORT = 47123;
    static final int BROWSE_SECONDS = 3;
    /** Closing the browsers takes up to 3 s beyond the browsing time; one more for slow machines. */
    private static final long BROWSE_BOUND_MILLIS = BROWSE_SECONDS * 1000L + 4000;
    private static final String SETUP = String.join(" && ",
            "set -e",
            "ip link add " + HOST_LINK + " type veth peer name " + CLIENT_LINK,
            "ip addr add " + HOST_ADDRESS + "/24 dev " + HOST_LINK,
            "ip addr add 10.77.0.2/24 dev " + CLIENT_LINK,
            "ip link set " + HOST_LINK + " up",
            "ip link set " + CLIENT_LINK + " up",
            // both ends are local addresses of this namespace: accept datagrams from one arriving on the other
            "for conf in all " + HOST_LINK + " " + CLIENT_LINK + "; do"
                    + " echo 1 > /proc/sys/net/ipv4/conf/$conf/accept_local; done",
            "echo LINKS $(ip -o link show | cut -d: -f2 | cut -d@ -f1)",
            "exec \"$TWD_JAVA\" -cp \"$TWD_CLASSPATH\" " + NamespaceDiscoveryRun.class.getName());

    @Test
    void discoveryFindsTheRealAdvertiserAcrossAVethLink() throws Exception {
        Assumptions.assumeTrue((int) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "creating a network namespace needs root; CI runs as root, so this test runs there");
        List<String> output = runInNamespace();
        String all = String.join("\n", output);
        assertTrue(output.contains("DONE"), "the namespace run did not finish:\n" + all);
        assertEquals(NamespaceDiscoveryRun.NAMESPACE_LINKS, links(output), "the namespace holds only these:\n" + all);

        for (String label : List.of("across-the-link", "every-interface")) {
            List<String> found = lines(output, "FOUND " + label + " ");
            assertEquals(1, found.size(), label + ": one host, found once:\n" + all);
            String[] host = found.get(0).split("\\|");
            assertEquals(INSTANCE_NAME, host[0], label + ": " + all);
            assertEquals(Integer.toString(HTTP_PORT), host[1], label + ": the nvhttp HTTP port\n" + all);
            assertEquals(List.of(HOST_ADDRESS), List.of(host[2].split(",")),
                    label + ": the address the host listens on, the only one it advertises on\n" + all);
        }
        List<String> durations = lines(output, "TOOK ");
        assertEquals(2, durations.size(), all);
        for (String took : durations) {
            long millis = Long.parseLong(took.substring(took.indexOf(' ') + 1));
            assertTrue(millis >= BROWSE_SECONDS * 1000L && millis <= BROWSE_BOUND_MILLIS,
                    "discovery browses for its time and closes within a bound: " + took);
        }
    }

    private static List<String> runInNamespace() throws IOException, InterruptedException {
        Path log = Files.createTempFile("twilight-discovery-ns", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("unshare", "--net", "sh", "-c", SETUP)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("TWD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // surefire runs tests from a manifest-only jar; this property names the test class path itself
            builder.environment().put("TWD_CLASSPATH",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            Process child;
            try {
                child = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot run 'unshare' (util-linux), which this test needs", e);
            }
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the namespace run did not end within 60 s:\n" + Files.readString(log));
            }
            List<String> output = Files.readAllLines(log);
            if (child.exitValue() != 0) {
                fail("the namespace run failed (exit " + child.exitValue() + "); it needs root allowed to create "
                        + "network namespaces (unshare --net), 'ip' (iproute2) and veth support:\n"
                        + String.join("\n", output));
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Set<String> links(List<String> output) {
        return lines(output, "LINKS ").stream().flatMap(line -> Stream.of(line.trim().split("\\s+")))
                .collect(Collectors.toSet());
    }

    private static List<String> lines(List<String> output, String prefix) {
        return output.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .toList();
    }
}
