package dev.twilight.gamestream.mdns;

import dev.twilight.api.client.DiscoveredHost;
import dev.twilight.client.discovery.DiscoveryConfig;
import dev.twilight.client.discovery.JmdnsHostDiscovery;
import dev.twilight.gamestream.nvhttp.NvHttpServer;
import java.lang.annotation.Annotation;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs in the network namespace {@link DiscoveryInNamespaceTest} creates: the host's real advertiser announces on
 * one end of a veth pair, and the client's discovery browses on the other end, then on every interface. Prints one
 * line per host found and how long each discovery took; the test checks them.
 */
public final class NamespaceDiscoveryRun {

    static final Set<String> NAMESPACE_LINKS = Set.of("lo", DiscoveryInNamespaceTest.HOST_LINK,
            DiscoveryInNamespaceTest.CLIENT_LINK);

    private NamespaceDiscoveryRun() {
    }

    public static void main(String[] args) throws Exception {
        // never multicast outside the test's namespace, whatever started this JVM
        for (NetworkInterface link : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!NAMESPACE_LINKS.contains(link.getName())) {
                System.out.println("REFUSED: interface " + link.getName() + " is not the test namespace's");
                System.exit(3);
            }
        }
        new MdnsAdvertiser(advertising(DiscoveryInNamespaceTest.INSTANCE_NAME),
                Map.of(NvHttpServer.HTTP_PORT_PROPERTY, DiscoveryInNamespaceTest.HTTP_PORT,
                        NvHttpServer.ADDRESS_PROPERTY, DiscoveryInNamespaceTest.HOST_ADDRESS));
        awaitAnnounced();
        discover("across-the-link", List.of(DiscoveryInNamespaceTest.CLIENT_LINK));
        discover("every-interface", List.of());
        System.out.println("DONE");
        // the advertiser's jmDNS threads would keep the JVM, and so the namespace, alive
        System.exit(0);
    }

    /**
     * A fresh jmDNS responder probes for about four seconds before it announces anything, so the test first waits,
     * browsing a second at a time, until the host answers: the checked discoveries then start against a host that
     * is up, as users run them.
     */
    private static void awaitAnnounced() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JmdnsHostDiscovery discovery = new JmdnsHostDiscovery(browsing(List.of()));
        while (discovery.discover(Duration.ofSeconds(1)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                System.out.println("NOT ANNOUNCED within 30 s");
                System.exit(4);
            }
        }
    }

    private static void discover(String label, List<String> interfaces) throws Exception {
        Duration duration = Duration.ofSeconds(DiscoveryInNamespaceTest.BROWSE_SECONDS);
        long started = System.nanoTime();
        List<DiscoveredHost> hosts = new JmdnsHostDiscovery(browsing(interfaces)).discover(duration);
        System.out.println("TOOK " + label + " " + Duration.ofNanos(System.nanoTime() - started).toMillis());
        for (DiscoveredHost host : hosts) {
            System.out.println("FOUND " + label + " " + host.name() + "|" + host.port() + "|"
                    + String.join(",", host.addresses()));
        }
    }

    private static MdnsConfig advertising(String instanceName) {
        return new MdnsConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String instance_name() {
                return instanceName;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MdnsConfig.class;
            }
        };
    }

    private static DiscoveryConfig browsing(List<String> interfaces) {
        return new DiscoveryConfig() {
            @Override
            public String[] interfaces() {
                return interfaces.toArray(String[]::new);
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return DiscoveryConfig.class;
            }
        };
    }
}
