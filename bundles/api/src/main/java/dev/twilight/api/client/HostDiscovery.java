package dev.twilight.api.client;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds GameStream hosts (Sunshine, Twilight) on the local network by the service they advertise,
 * {@code _nvstream._tcp.local.} over mDNS. Nothing is sent on the network outside {@link #discover}.
 */
@ProviderType
public interface HostDiscovery {

    /**
     * Browses for the given time, then stops browsing.
     *
     * @return each host found once, by instance name; empty when none answered
     * @throws ClientException when there is no network interface to browse on, or none could be opened
     */
    List<DiscoveredHost> discover(Duration duration) throws ClientException, InterruptedException;
}
