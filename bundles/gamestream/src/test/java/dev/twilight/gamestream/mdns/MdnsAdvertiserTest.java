package dev.twilight.gamestream.mdns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;

/** Only what would be announced: nothing here touches the network. */
class MdnsAdvertiserTest {

    @Test
    void hostNamesAreCleanedAsClientsExpect() {
        assertEquals("gaming-pc", MdnsAdvertiser.cleanHostName("gaming pc.local"));
        assertEquals("Den-2", MdnsAdvertiser.cleanHostName("Den-2"));
        assertEquals("h", MdnsAdvertiser.cleanHostName("héllo"));
        assertEquals("Twilight", MdnsAdvertiser.cleanHostName("_private"));
        assertEquals("Twilight", MdnsAdvertiser.cleanHostName(""));
        assertEquals("a".repeat(63), MdnsAdvertiser.cleanHostName("a".repeat(70)));
    }

    @Test
    void aConfiguredNameIsUsedAsGiven() {
        assertEquals("Living Room PC", MdnsAdvertiser.instanceName(" Living Room PC "));
        assertEquals(63, MdnsAdvertiser.instanceName("x".repeat(80)).length());
    }

    @Test
    void theServiceIsNvstreamOnTheHttpPortWithAnEmptyTxtRecord() {
        ServiceInfo info = MdnsAdvertiser.serviceInfo("Den", 47989);
        assertEquals("_nvstream._tcp.local.", info.getType());
        assertEquals("Den", info.getName());
        assertEquals(47989, info.getPort());
        assertArrayEquals(new byte[] {0}, info.getTextBytes(), "one empty string, never zero strings");
    }
}
