package dev.twilight.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.pairing.PendingPairing;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingCommandsTest {

    private final PairingCommands commands = new PairingCommands(TestHost.CLOCK);
    private final TestHost.Pairing pairing = new TestHost.Pairing();
    private final TestHost.Clients clients = new TestHost.Clients().with("id-1", "Living-room TV").with("id-2", "Phone");

    private void host() {
        commands.pairing = pairing;
        commands.pairedClients = clients;
    }

    @Test
    void withoutAHostEveryCommandSaysHowToStartOne() {
        for (String answer : List.of(commands.pin("1234"), commands.pin("1234", "TV"), commands.pairing(),
                commands.clients(), commands.rename("id-1", "TV"), commands.unpair("id-1"))) {
            assertTrue(answer.contains("in this role (start Twilight with './twilight host';"), answer);
        }
    }

    @Test
    void aPinGoesToTheNewestAttemptAndTheClientIsNamedAfterItsAddressUnlessNamed() {
        host();
        pairing.pending.add(new PendingPairing("AAAA", "192.168.1.7", TestHost.NOW.minusSeconds(5),
                TestHost.NOW.plusSeconds(55)));
        pairing.pending.add(new PendingPairing("BBBB", "192.168.1.8", TestHost.NOW.minusSeconds(9),
                TestHost.NOW.plusSeconds(51)));

        assertEquals("PIN given to the client at 192.168.1.7", commands.pin("0042"));
        commands.pin("1234", " Living-room TV ");

        assertEquals(List.of("0042 Moonlight at 192.168.1.7", "1234 Living-room TV"), pairing.submitted);
    }

    @Test
    void aMalformedPinIsRefusedBeforeItReachesTheHost() {
        host();
        String answer = commands.pin("12a4");
        assertEquals("a PIN is exactly four digits, not '12a4'; enter the four digits the Moonlight client shows "
                + "while it pairs", answer);
        assertTrue(pairing.submitted.isEmpty());
    }

    @Test
    void aPinWithNoWaitingAttemptSaysSo() {
        host();
        assertEquals("no client is waiting for a PIN", commands.pin("1234"));
    }

    @Test
    void pairingListsTheAttemptsWithTheTimeTheyHaveLeft() {
        host();
        assertTrue(commands.pairing().startsWith("no pairing attempt waits for a PIN"));
        pairing.pending.add(new PendingPairing("AAAA", "192.168.1.7", TestHost.NOW.minusSeconds(5),
                TestHost.NOW.plusSeconds(55)));
        assertEquals("1 pairing attempt waits for a PIN; twilight:pin gives it to the newest\n"
                + "  192.168.1.7  uniqueid AAAA  asked 5 s ago, expires in 55 s\n", commands.pairing());
    }

    @Test
    void clientsAreListedRenamedAndUnpaired() {
        host();
        assertEquals("2 paired clients\n"
                + "  id-1  Living-room TV  paired 2026-02-26 12:00:00, last seen 5 min ago, certificate sha256 ab12id-1\n"
                + "  id-2  Phone  paired 2026-02-26 12:00:00, last seen 5 min ago, certificate sha256 ab12id-2\n",
                commands.clients());

        assertEquals("client id-2 is now named 'Tablet'", commands.rename("id-2", "Tablet"));
        assertEquals("Tablet", clients.clients.get("id-2").name());
        assertEquals("a client name cannot be empty", commands.rename("id-2", " "));

        assertTrue(commands.unpair("id-1").startsWith("client 'Living-room TV' (id-1) is unpaired"));
        assertEquals(List.of("id-2"), List.copyOf(clients.clients.keySet()));
        assertEquals("no paired client has id 'id-1' (twilight:clients lists them)", commands.unpair("id-1"));
        assertEquals("no paired client has id 'id-9' (twilight:clients lists them)", commands.rename("id-9", "x"));
    }
}
