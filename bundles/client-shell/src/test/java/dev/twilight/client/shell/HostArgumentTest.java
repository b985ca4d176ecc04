package dev.twilight.client.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.HostAddress;
import org.junit.jupiter.api.Test;

class HostArgumentTest {

    @Test
    void namesAddressesAndPorts() throws UsageException {
        assertEquals(new HostAddress("mypc", 47989, 0), HostArgument.parse("mypc"));
        assertEquals(new HostAddress("192.168.1.5", 50000, 0), HostArgument.parse("192.168.1.5:50000"));
        assertEquals(new HostAddress("::1", 47989, 0), HostArgument.parse("[::1]"));
        assertEquals(new HostAddress("::1", 1234, 0), HostArgument.parse("[::1]:1234"));
        assertEquals(new HostAddress("fe80::1", 47989, 0), HostArgument.parse("fe80::1"));
    }

    @Test
    void showsTheHostAsItWasTyped() throws UsageException {
        assertEquals("mypc", HostArgument.display(HostArgument.parse("mypc:47989")));
        assertEquals("[::1]:1234", HostArgument.display(HostArgument.parse("[::1]:1234")));
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertTrue(assertThrows(UsageException.class, () -> HostArgument.parse("pc:0")).getMessage()
                .contains("1 to 65535"));
        assertTrue(assertThrows(UsageException.class, () -> HostArgument.parse("pc:http")).getMessage()
                .contains("port"));
        assertTrue(assertThrows(UsageException.class, () -> HostArgument.parse("[::1")).getMessage()
                .contains("never closes"));
        assertTrue(assertThrows(UsageException.class, () -> HostArgument.parse(":47989")).getMessage()
                .contains("name a host"));
    }
}
