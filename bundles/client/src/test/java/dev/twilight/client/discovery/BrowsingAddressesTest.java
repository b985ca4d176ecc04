package dev.twilight.client.discovery;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which interfaces discovery would use, read from this machine's interface list only: nothing here opens a
 * socket. Browsing itself is tested in a network namespace (gamestream's {@code DiscoveryInNamespaceTest}).
 */
class BrowsingAddressesTest {

    @Test
    void anInterfaceThatDoesNotExistIsNamedWithTheOnesThatDo() {
        ClientException e = assertThrows(ClientException.class,
                () -> JmdnsHostDiscovery.browsingAddresses(List.of("twd-none0")));
        assertTrue(e.getMessage().contains("no network interface 'twd-none0'"), e.getMessage());
        assertTrue(e.getMessage().contains("lo"), "lists the interfaces there are: " + e.getMessage());
        assertTrue(e.getMessage().contains(JmdnsHostDiscovery.PID + ".config"), e.getMessage());
    }
}
