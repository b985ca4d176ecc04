package dev.twilight.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinCommandTest {

    private static final String TOKEN = "0123456789abcdef".repeat(4);

    @TempDir
    Path state;

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A host's admin API on 127.0.0.1 that records each request and gives one answer. */
    private void host(int status, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/pin", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        writeStateFiles("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    private void writeStateFiles(String endpoint) throws IOException {
        Files.writeString(state.resolve(PinCommand.ENDPOINT_FILE), endpoint + "\n");
        Files.writeString(state.resolve(PinCommand.CREDENTIALS_FILE), "{\n  \"username\" : \"admin\",\n"
                + "  \"iterations\" : 210000,\n  \"token\" : \"" + TOKEN + "\"\n}");
    }

    private int pin(String... args) {
        String[] withState = new String[args.length + 2];
        System.arraycopy(args, 0, withState, 0, args.length);
        withState[args.length] = "--state";
        withState[args.length + 1] = state.toString();
        return PinCommand.run(withState, Map.of(), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void argumentsAreThePinAnOptionalNameAndTheState() {
        PinCommand.Arguments plain = PinCommand.Arguments.parse(new String[] {"1234"}, Map.of("XDG_DATA_HOME", "/d"));
        assertEquals("1234", plain.pin());
        assertNull(plain.clientName());
        assertEquals(Path.of("/d/twilight/host"), plain.stateDir(), "the host's default state folder");

        PinCommand.Arguments named = PinCommand.Arguments.parse(
                new String[] {"--state", "/s", "0042", "Living-room TV"}, Map.of());
        assertEquals("0042", named.pin());
        assertEquals("Living-room TV", named.clientName());
        assertEquals(Path.of("/s"), named.stateDir());
    }

    @Test
    void argumentMistakesAreNamed() {
        for (var mistake : Map.of(
                List.of(), "give the PIN",
                List.of("1234", "TV", "extra"), "unexpected argument 'extra'",
                List.of("1234", "--state"), "--state needs a value",
                List.of("1234", "--port", "1"), "unknown option '--port'").entrySet()) {
            String message = assertThrows(IllegalArgumentException.class, () -> PinCommand.Arguments.parse(
                    mistake.getKey().toArray(String[]::new), Map.of())).getMessage();
            assertTrue(message.contains(mistake.getValue()), message);
        }
        assertEquals(2, PinCommand.run(new String[0], Map.of(), new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains(PinCommand.USAGE));
    }

    @Test
    void anAcceptedPinPrintsTheHostsMessageAndExitsZero() throws IOException {
        host(200, "{\"accepted\":true,\"message\":\"PIN given to the client at 192.168.1.7\"}");

        assertEquals(0, pin("1234", "Living-room \"TV\""));

        assertEquals("PIN given to the client at 192.168.1.7", out.toString().strip());
        assertEquals(List.of("POST /api/pin Bearer " + TOKEN + " application/json "
                + "{\"pin\":\"1234\",\"name\":\"Living-room \\\"TV\\\"\"}"), requests);
    }

    @Test
    void withoutANameTheHostNamesTheClient() throws IOException {
        host(200, "{\"accepted\":true,\"message\":\"ok\"}");
        assertEquals(0, pin("1234"));
        assertTrue(requests.get(0).endsWith(" {\"pin\":\"1234\"}"), requests.get(0));
    }

    @Test
    void aRefusedPinPrintsWhyAndWhatToDoAndExitsOne() throws IOException {
        host(409, "{\"error\":\"pin-not-accepted\",\"message\":\"no client is waiting for a PIN\","
                + "\"remedy\":\"start pairing on the client\"}");
        assertEquals(1, pin("1234"));
        assertEquals("twilight: no client is waiting for a PIN; start pairing on the client", err.toString().strip());
    }

    @Test
    void anAnswerThatIsNotJsonIsReported() throws IOException {
        host(404, "<html>Not Found</html>");
        assertEquals(1, pin("1234"));
        assertTrue(err.toString().contains("answered HTTP 404 without a JSON body"), err.toString());
    }

    @Test
    void withoutARunningHostItSaysHowToStartOne() throws IOException {
        assertEquals(1, pin("1234"));
        assertTrue(err.toString().contains("no Twilight host runs with the state folder " + state), err.toString());
        assertTrue(err.toString().contains("./twilight host"));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        writeStateFiles("http://127.0.0.1:" + closedPort + "/api");
        err.reset();
        assertEquals(1, pin("1234"));
        assertTrue(err.toString().contains("no Twilight host answers at http://127.0.0.1:" + closedPort + "/api/pin"),
                err.toString());
        assertTrue(err.toString().contains("./twilight host"));
    }

    @Test
    void aMissingTokenIsReported() throws IOException {
        host(200, "{}");
        Files.writeString(state.resolve(PinCommand.CREDENTIALS_FILE), "{\"username\":\"admin\"}");
        assertEquals(1, pin("1234"));
        assertTrue(err.toString().contains("admin.json has no token"), err.toString());
        assertTrue(requests.isEmpty());
    }
}
