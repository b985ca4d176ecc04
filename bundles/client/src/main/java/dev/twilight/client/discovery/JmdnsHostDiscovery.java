package dev.twilight.client.discovery;

import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.DiscoveredHost;
import dev.twilight.api.client.HostDiscovery;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Browses {@code _nvstream._tcp.local.} with one jmDNS instance per IPv4 address of the chosen interfaces (the
 * interfaces the host's advertiser would announce on, unless configured), only while {@link #discover} runs.
 */
@Component(service = HostDiscovery.class, configurationPid = JmdnsHostDiscovery.PID)
@Designate(ocd = DiscoveryConfig.class)
public class JmdnsHostDiscovery implements HostDiscovery {

    public static final String PID = "dev.twilight.client.discovery";
    static final String SERVICE_TYPE = "_nvstream._tcp.local.";

    private static final Logger LOG = LoggerFactory.getLogger(JmdnsHostDiscovery.class);
    /** The mDNS host name each browser probes for and announces, as every jmDNS instance does. */
    private static final String BROWSER_NAME = "twilight-client";
    /** jmDNS says goodbye for its host name in three rounds a second apart before a close returns. */
    private static final long CLOSE_WAIT_MILLIS = 3000;

    private volatile List<String> interfaceNames;

    @Activate
    public JmdnsHostDiscovery(DiscoveryConfig config) {
        configure(config);
    }

    @Modified
    void configure(DiscoveryConfig config) {
        interfaceNames = Stream.of(config.interfaces()).map(String::strip).filter(name -> !name.isEmpty()).toList();
    }

    @Override
    public List<DiscoveredHost> discover(Duration duration) throws ClientException, InterruptedException {
        List<InetAddress> addresses = browsingAddresses(interfaceNames);
        Collector collector = new Collector();
        List<JmDNS> browsers = new ArrayList<>();
        try {
            List<String> failures = new ArrayList<>();
            for (InetAddress address : addresses) {
                try {
                    // named, so that jmDNS takes this name rather than looking the address up in DNS
                    JmDNS browser = JmDNS.create(InetAddress.getByAddress(BROWSER_NAME, address.getAddress()),
                            BROWSER_NAME);
                    browsers.add(browser);
                    browser.addServiceListener(SERVICE_TYPE, collector);
                } catch (IOException e) {
                    failures.add(address.getHostAddress() + " (" + e.getMessage() + ")");
                }
            }
            if (browsers.isEmpty()) {
                throw new ClientException(0, "cannot browse for hosts on " + String.join(", ", failures));
            }
            if (!failures.isEmpty()) {
                LOG.warn("Not browsing on {}", String.join(", ", failures));
            }
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } finally {
            closeAll(browsers);
        }
        return collector.hosts();
    }

    /**
     * The IPv4 addresses to browse from: those of the named interfaces, or of every interface that is up,
     * multicast-capable, not loopback and not point-to-point.
     */
    static List<InetAddress> browsingAddresses(List<String> names) throws ClientException {
        List<NetworkInterface> all;
        try {
            all = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException e) {
            throw new ClientException("cannot list the network interfaces", e);
        }
        List<NetworkInterface> chosen = new ArrayList<>();
        try {
            if (names.isEmpty()) {
                for (NetworkInterface candidate : all) {
                    if (candidate.isUp() && candidate.supportsMulticast() && !candidate.isLoopback()
                            && !candidate.isPointToPoint()) {
                        chosen.add(candidate);
                    }
                }
            } else {
                for (String name : names) {
                    NetworkInterface named = all.stream().filter(candidate -> candidate.getName().equals(name))
                            .findFirst().orElseThrow(() -> new ClientException(0, "there is no network interface '"
                                    + name + "' (this machine has " + all.stream().map(NetworkInterface::getName)
                                    .sorted().collect(Collectors.joining(", ")) + "); correct 'interfaces' in "
                                    + PID + ".config"));
                    if (!named.isUp() || !named.supportsMulticast()) {
                        throw new ClientException(0, "the network interface '" + name + "' is "
                                + (named.isUp() ? "not multicast-capable" : "down") + "; correct 'interfaces' in "
                                + PID + ".config");
                    }
                    chosen.add(named);
                }
            }
        } catch (SocketException e) {
            throw new ClientException("cannot read the state of the network interfaces", e);
        }
        List<InetAddress> addresses = chosen.stream()
                .flatMap(chosenInterface -> Collections.list(chosenInterface.getInetAddresses()).stream())
                .filter(Inet4Address.class::isInstance).toList();
        if (addresses.isEmpty()) {
            throw new ClientException(0, names.isEmpty()
                    ? "no network interface to browse on: none is up, multicast-capable and has an IPv4 address"
                    : "the network interfaces " + names + " have no IPv4 address");
        }
        return addresses;
    }

    /** Closes the browsers side by side, waiting a bounded time. */
    private static void closeAll(List<JmDNS> browsers) throws InterruptedException {
        List<Thread> closing = browsers.stream().map(browser -> {
            Thread thread = new Thread(() -> {
                try {
                    browser.close();
                } catch (IOException e) {
                    LOG.warn("Closing the mDNS browser {} failed: {}", browser.getName(), e.toString());
                }
            }, "twilight-discovery-close");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }).toList();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Thread thread : closing) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                LOG.warn("An mDNS browser did not close within {} ms; leaving it behind", CLOSE_WAIT_MILLIS);
            }
        }
    }

    /** Gathers resolved services from every browser; a host seen on several interfaces is one host. */
    private static final class Collector implements ServiceListener {

        private final Map<String, Found> found = new ConcurrentHashMap<>();

        @Override
        public void serviceAdded(ServiceEvent event) {
            // starts resolving (SRV, TXT, addresses); the answer comes to serviceResolved
            event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1);
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            // a host withdrawing while we browse is still listed: serverinfo then shows whether it answers
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            List<String> addresses = Stream.<InetAddress>concat(Stream.of(info.getInet4Addresses()),
                    // a link-local IPv6 address is unusable without its zone, which mDNS does not carry
                    Stream.of(info.getInet6Addresses()).filter(address -> !address.isLinkLocalAddress()))
                    .map(InetAddress::getHostAddress).toList();
            if (addresses.isEmpty() || info.getPort() <= 0) {
                return;
            }
            String key = info.getName().toLowerCase(Locale.ROOT) + ":" + info.getPort();
            found.computeIfAbsent(key, ignored -> new Found(info.getName(), info.getPort())).add(addresses);
        }

        List<DiscoveredHost> hosts() {
            return found.values().stream().map(Found::host)
                    .sorted(Comparator.comparing(DiscoveredHost::name, String.CASE_INSENSITIVE_ORDER)
                            .thenComparingInt(DiscoveredHost::port))
                    .toList();
        }
    }

    private static final class Found {

        private final String name;
        private final int port;
        private final Set<String> addresses = new LinkedHashSet<>();

        Found(String name, int port) {
            this.name = name;
            this.port = port;
        }

        synchronized void add(List<String> more) {
            addresses.addAll(more);
        }

        synchronized DiscoveredHost host() {
            List<String> ordered = new ArrayList<>(addresses);
            // IPv4 first, as Moonlight prefers it
            ordered.sort(Comparator.comparing(address -> address.indexOf(':') >= 0));
            return new DiscoveredHost(name, ordered, port);
        }
    }
}
