package dev.twilight.api.client;

import java.util.List;
import java.util.Objects;

/**
 * A host found on the local network.
 *
 * @param name      the instance name it advertises (Sunshine: its cleaned-up OS host name)
 * @param addresses the addresses it resolved to, as IP literals, IPv4 first; never empty
 * @param port      its nvhttp HTTP port
 */
public record DiscoveredHost(String name, List<String> addresses, int port) {

    public DiscoveredHost {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a discovered host needs an address");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port " + port);
        }
    }

    /** Where to reach it: its first address on the advertised port. */
    public HostAddress address() {
        return new HostAddress(addresses.get(0), port, 0);
    }
}
