package dev.twilight.client.nvhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.twilight.api.client.ClientException;
import dev.twilight.api.client.HostAddress;
import dev.twilight.api.client.HostInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted plain-HTTP host; the full protocol runs against the real host in gamestream. */
class NvHttpGameStreamClientTest {

    @TempDir
    Path state;
    private HttpServer host;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile String serverInfo;

    @BeforeEach
    void start() throws Exception {
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            queries.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery());
            byte[] body = (exchange.getRequestURI().getPath().equals("/serverinfo") ? serverInfo
                    : "<root status_code=\"404\"/>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        host.start();
        serverInfo = serverInfo("7.1.431.-1", "SUNSHINE_SERVER_BUSY", 881448767);
    }

    @AfterEach
    void stop() {
        host.stop(0);
    }

    @Test
    void serverInfoOfAnUnpairedHostComesOverHttp() throws Exception {
        NvHttpGameStreamClient client = new NvHttpGameStreamClient(state);
        HostInfo info = client.serverInfo(address());

        assertEquals("Den", info.hostname());
        assertEquals("0b5c8c3a-61c6-4b5b-9a8e-2f0d2a8b6a11", info.uniqueId());
        assertEquals(47984, info.httpsPort(), "no HttpsPort means the standard one");
        assertEquals(0x10101L, info.codecModeSupport());
        assertFalse(info.paired());
        assertTrue(info.busy());
        assertEquals(881448767, info.currentGame());
        assertFalse(client.isPaired(address()));

        String query = queries.get(0);
        assertTrue(query.matches("/serverinfo\\?uniqueid=[0-9A-F]{16}&uuid=[0-9a-f]{32}"), query);
        assertFalse(queries.get(1).contains(query.substring(query.indexOf("uuid="))), "every request has a fresh uuid");
    }

    @Test
    void currentGameCountsOnlyWhenTheHostSaysBusy() throws Exception {
        serverInfo = serverInfo("7.1.431.-1", "SUNSHINE_SERVER_FREE", 5);
        assertEquals(0, new NvHttpGameStreamClient(state).serverInfo(address()).currentGame());
    }

    @Test
    void httpsCallsNeedPairingFirst() throws Exception {
        NvHttpGameStreamClient client = new NvHttpGameStreamClient(state);
        ClientException refused = assertThrows(ClientException.class, () -> client.appList(address()));
        assertEquals(401, refused.status());
        assertTrue(refused.getMessage().contains("pair first"), refused.getMessage());
    }

    @Test
    void pairingRefusesBadPinsAndOldHostsBeforeAnyPairingRequest() throws Exception {
        NvHttpGameStreamClient client = new NvHttpGameStreamClient(state);
        assertThrows(ClientException.class, () -> client.pair(address(), "12a4", Duration.ofSeconds(1)));
        serverInfo = serverInfo("5.0.0.0", "SUNSHINE_SERVER_FREE", 0);
        ClientException old = assertThrows(ClientException.class,
                () -> client.pair(address(), "1234", Duration.ofSeconds(1)));
        assertTrue(old.getMessage().contains("SHA-1"), old.getMessage());
        assertTrue(queries.stream().noneMatch(query -> query.startsWith("/pair")));
    }

    @Test
    void aPairingTheHostRefusesIsCleanedUpWithUnpair() throws Exception {
        NvHttpGameStreamClient client = new NvHttpGameStreamClient(state);
        ClientException refused = assertThrows(ClientException.class,
                () -> client.pair(address(), "1234", Duration.ofSeconds(5)));
        assertEquals(404, refused.status());
        assertTrue(queries.get(queries.size() - 1).startsWith("/unpair?"), queries.toString());
        assertTrue(queries.stream().anyMatch(query -> query.startsWith("/pair?")
                && query.contains("phrase=getservercert") && query.contains("devicename=roth")));
    }

    @Test
    void unpairingAnUnknownHostIsHarmlessAndTheIdentityIsStable() throws Exception {
        NvHttpGameStreamClient client = new NvHttpGameStreamClient(state);
        client.unpair(address());
        String pin = client.newPin();
        assertTrue(pin.matches("[0-9]{4}"), pin);
        String firstId = queries.get(0).replaceAll(".*uniqueid=([0-9A-F]{16}).*", "$1");
        new NvHttpGameStreamClient(state).serverInfo(address());
        assertTrue(queries.get(queries.size() - 1).contains("uniqueid=" + firstId));
    }

    @Test
    void anUnreachableHostSaysSo() throws Exception {
        NvHttpGameStreamClient client = new NvHttpGameStreamClient(state);
        int port = address().httpPort();
        host.stop(0);
        ClientException unreachable = assertThrows(ClientException.class,
                () -> client.serverInfo(new HostAddress("127.0.0.1", port, 0)));
        assertTrue(unreachable.getMessage().contains("cannot connect"), unreachable.getMessage());
    }

    private HostAddress address() {
        return new HostAddress("127.0.0.1", host.getAddress().getPort(), 0);
    }

    private static String serverInfo(String appVersion, String state, int currentGame) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><root status_code=\"200\"><hostname>Den</hostname>"
                + "<appversion>" + appVersion + "</appversion><GfeVersion>3.23.0.74</GfeVersion>"
                + "<uniqueid>0b5c8c3a-61c6-4b5b-9a8e-2f0d2a8b6a11</uniqueid><ExternalPort>47989</ExternalPort>"
                + "<ServerCodecModeSupport>65793</ServerCodecModeSupport><PairStatus>0</PairStatus>"
                + "<currentgame>" + currentGame + "</currentgame><state>" + state + "</state></root>";
    }
}
