package dev.twilight.gamestream.mdns;

import dev.twilight.api.pairing.PairingService;
import dev.twilight.gamestream.nvhttp.HostName;
import dev.twilight.gamestream.nvhttp.NvHttpServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advertises {@code _nvstream._tcp} on the nvhttp HTTP port, so Moonlight clients find the host by themselves.
 * It follows the nvhttp server: the port comes from the property of the {@link PairingService} it registers.
 * Announcing and withdrawing run on a thread of their own, withdrawing with a time limit.
 */
@Component(service = {}, configurationPid = MdnsAdvertiser.PID, immediate = true,
        // starts only from its configuration file, so built-in defaults never listen or multicast first
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MdnsConfig.class)
public class MdnsAdvertiser {

    public static final String PID = "dev.twilight.gamestream.mdns";
    static final String SERVICE_TYPE = "_nvstream._tcp.local.";

    private static final Logger LOG = LoggerFactory.getLogger(MdnsAdvertiser.class);
    private static final int MAX_NAME_LENGTH = 63;
    private static final long STOP_SECONDS = 5;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "twilight-mdns");
        thread.setDaemon(true);
        return thread;
    });
    /** Touched on the worker thread only. */
    private final List<JmDNS> responders = new ArrayList<>();

    @Activate
    public MdnsAdvertiser(MdnsConfig config, @Reference(name = "nvhttp", service = PairingService.class,
            target = "(" + NvHttpServer.HTTP_PORT_PROPERTY + "=*)") Map<String, Object> nvhttp) {
        if (!config.enabled()) {
            LOG.info("mDNS advertisement is off: clients must add this host by its address");
            return;
        }
        int port = ((Number) nvhttp.get(NvHttpServer.HTTP_PORT_PROPERTY)).intValue();
        String listening = String.valueOf(nvhttp.get(NvHttpServer.ADDRESS_PROPERTY));
        String hostName = instanceName("");
        String name = instanceName(config.instance_name());
        worker.execute(() -> announce(name, hostName, listening, port));
    }

    /**
     * The configured name, or the OS host name cleaned up as clients expect it: at most 63 characters, spaces
     * become dashes, cut at the first character that is neither a letter, a digit nor a dash.
     */
    static String instanceName(String configured) {
        if (!configured.isBlank()) {
            String name = configured.strip();
            return name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) : name;
        }
        return cleanHostName(HostName.ofThisMachine());
    }

    static String cleanHostName(String hostName) {
        String name = hostName.length() > MAX_NAME_LENGTH ? hostName.substring(0, MAX_NAME_LENGTH) : hostName;
        name = name.replace(' ', '-');
        int end = 0;
        while (end < name.length() && (isAsciiLetterOrDigit(name.charAt(end)) || name.charAt(end) == '-')) {
            end++;
        }
        return end == 0 ? "Twilight" : name.substring(0, end);
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /** What is announced: the HTTP port and an empty TXT record (one empty string, as Apple's resolver needs). */
    static ServiceInfo serviceInfo(String instanceName, int port) {
        return ServiceInfo.create(SERVICE_TYPE, instanceName, port, 0, 0, new byte[] {0});
    }

    private void announce(String name, String hostName, String listening, int port) {
        for (InetAddress address : advertisableAddresses(listening)) {
            try {
                JmDNS responder = JmDNS.create(address, hostName);
                responders.add(responder);
                responder.registerService(serviceInfo(name, port));
                LOG.info("Advertising '{}' ({}) on {} port {}", name, SERVICE_TYPE, address.getHostAddress(), port);
            } catch (IOException e) {
                LOG.warn("Cannot advertise on {} ({}): clients on that network must add this host by address",
                        address.getHostAddress(), e.toString());
            }
        }
    }

    /**
     * The IPv4 addresses of interfaces that are up, multicast-capable and not loopback, where nvhttp listens:
     * all of them when it listens on every interface, else only its own address, so that no client finds
     * the host on a network where it cannot connect.
     */
    private static List<InetAddress> advertisableAddresses(String listening) {
        boolean everyInterface = listening.equals("0.0.0.0") || listening.equals("::") || listening.equals("0:0:0:0:0:0:0:0");
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (networkInterface.isUp() && !networkInterface.isLoopback() && networkInterface.supportsMulticast()
                        && !networkInterface.isPointToPoint()) {
                    Collections.list(networkInterface.getInetAddresses()).stream()
                            .filter(Inet4Address.class::isInstance)
                            .filter(address -> everyInterface || address.getHostAddress().equals(listening))
                            .forEach(addresses::add);
                }
            }
        } catch (SocketException e) {
            LOG.warn("Cannot list network interfaces ({}); not advertising", e.toString());
        }
        if (addresses.isEmpty()) {
            LOG.warn("No network interface to advertise on{}: clients must add this host by address",
                    everyInterface ? "" : " (nvhttp listens on " + listening + " only)");
        }
        return addresses;
    }

    @Deactivate
    void deactivate() {
        Future<?> withdrawn = worker.submit(this::withdraw);
        worker.shutdown();
        try {
            withdrawn.get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("mDNS did not stop within {} s; leaving it behind", STOP_SECONDS);
            worker.shutdownNow();
        } catch (ExecutionException e) {
            LOG.warn("Stopping mDNS failed", e.getCause());
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the goodbyes on every interface at once: each responder needs about 4 s for its three rounds. */
    private void withdraw() {
        List<Thread> goodbyes = responders.stream().map(responder -> {
            Thread goodbye = new Thread(() -> {
                responder.unregisterAllServices();
                try {
                    responder.close();
                } catch (IOException e) {
                    LOG.warn("Closing mDNS on {} failed: {}", responder.getName(), e.toString());
                }
            }, "twilight-mdns-goodbye");
            goodbye.setDaemon(true);
            goodbye.start();
            return goodbye;
        }).toList();
        for (Thread goodbye : goodbyes) {
            try {
                goodbye.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("mDNS advertisement withdrawn");
        responders.clear();
    }
}
