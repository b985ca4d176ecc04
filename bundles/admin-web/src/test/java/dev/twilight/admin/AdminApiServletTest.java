package dev.twilight.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twilight.shell.TestHost;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiServletTest {

    @TempDir
    static Path state;
    private static AdminCredentials credentials;
    private static String token;

    private final TestServices host = new TestServices();
    private final AdminApiServlet servlet = new AdminApiServlet(state, credentials, host.configurationAdmin(),
            TestHost.CLOCK);

    @BeforeAll
    static void createCredentials() throws Exception {
        credentials = new AdminCredentials(state, password -> { });
        token = new ObjectMapper().readTree(state.resolve(AdminCredentials.FILE_NAME).toFile()).get("token").asText();
    }

    /** What the servlet wrote back. */
    static final class Recorded {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(body.toByteArray());
        }
    }

    private Recorded serve(String method, String pathInfo, Map<String, String> headers, String body) {
        ServletInputStream in = new ServletInputStream() {
            private final ByteArrayInputStream bytes = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getContentType" -> headers.get("Content-Type");
                    case "getInputStream" -> in;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Recorded recorded = new Recorded();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                recorded.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        recorded.status = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        recorded.headers.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setContentType" -> {
                        recorded.headers.put("Content-Type", (String) args[0]);
                        yield null;
                    }
                    case "setCharacterEncoding", "setContentLength" -> null;
                    case "getOutputStream" -> out;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        servlet.service(request, response);
        return recorded;
    }

    @Test
    void aServletRequestIsAnsweredWithJson() throws Exception {
        servlet.pairing = host.pairing;
        host.pairing.pending.add(new dev.twilight.api.pairing.PendingPairing("AAAA", "192.168.1.7",
                TestHost.NOW.minusSeconds(5), TestHost.NOW.plusSeconds(55)));
        Recorded recorded = serve("POST", "/pin", Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json; charset=utf-8"), "{\"pin\":\"1234\",\"name\":\"TV\"}");

        assertEquals(200, recorded.status);
        assertEquals("application/json", recorded.headers.get("Content-Type"));
        assertEquals("no-store", recorded.headers.get("Cache-Control"));
        assertTrue(recorded.json().get("accepted").asBoolean());
        assertEquals(List.of("1234 TV"), host.pairing.submitted);
    }

    @Test
    void anUnauthenticatedRequestGetsTheBasicChallenge() throws Exception {
        Recorded recorded = serve("GET", "/sessions", Map.of(), "");
        assertEquals(401, recorded.status);
        assertEquals("Basic realm=\"Twilight\"", recorded.headers.get("WWW-Authenticate"));
        assertEquals("authentication-required", recorded.json().get("error").asText());
    }

    @Test
    void theEndpointFileNamesTheApiOnTheRuntimesLoopbackEndpointAndGoesAwayWithIt() throws Exception {
        Path file = state.resolve(AdminApiServlet.ENDPOINT_FILE);
        servlet.bindRuntime(Map.of("osgi.http.endpoint", new String[] {"http://192.168.1.2:47990/",
            "http://127.0.0.1:47990/"}));
        assertEquals("http://127.0.0.1:47990/api\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        servlet.runtimeUpdated(Map.of("osgi.http.endpoint", "http://127.0.0.1:8080/"));
        assertEquals("http://127.0.0.1:8080/api\n", Files.readString(file));

        servlet.deactivate();
        assertFalse(Files.exists(file));
    }

    @Test
    void theBaseUrlPrefersLoopbackAndKeepsAContextPath() {
        assertEquals(Optional.of("http://localhost:9/ctx/api"),
                AdminApiServlet.baseUrl(List.of("http://10.0.0.1:9/ctx/", "http://localhost:9/ctx/")));
        assertEquals(Optional.of("http://10.0.0.1:9/api"), AdminApiServlet.baseUrl("http://10.0.0.1:9"));
        assertEquals(Optional.of("http://[::1]:9/api"), AdminApiServlet.baseUrl(new String[] {"http://[::1]:9/"}));
        assertEquals(Optional.empty(), AdminApiServlet.baseUrl(null));
    }
}
