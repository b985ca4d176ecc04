package dev.twilight.gamestream.nvhttp;

import static dev.twilight.gamestream.nvhttp.PairingOverNvHttpTest.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a broken or hostile client sends gets an XML error, and the listener keeps serving. */
class HostileInputTest extends NvHttpServerFixture {

    @Test
    void garbageAnOversizedQueryAndOtherMethodsGetXmlErrors() throws Exception {
        String garbage = RawNvHttp.http(host.httpPort(), "\u0000\u0001garbage\r\n\r\n");
        assertTrue(garbage.startsWith("HTTP/1.1 200 OK") && garbage.contains("status_code=\"400\""), garbage);

        String oversized = RawNvHttp.http(host.httpPort(), get("/serverinfo?" + "a".repeat(100_000)));
        assertTrue(oversized.contains("status_code=\"400\"") || oversized.startsWith("connection reset"), oversized);

        String post = RawNvHttp.http(host.httpPort(), "POST /serverinfo HTTP/1.1\r\nHost: x\r\nContent-Length: 2"
                + "\r\n\r\nhi");
        assertTrue(post.contains("status_code=\"405\""), post);

        String body = RawNvHttp.http(host.httpPort(), "GET /serverinfo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000"
                + "\r\n\r\n");
        assertTrue(body.contains("status_code=\"413\"") || body.startsWith("connection reset"), body);

        String badEscape = RawNvHttp.http(host.httpPort(), get("/serverinfo?uniqueid=%zz"));
        assertTrue(badEscape.contains("status_code=\"400\""), badEscape);

        assertServing();
    }

    @Test
    void unknownPathsAndHttpsOnlyPathsOverHttpAre404() throws Exception {
        String unknown = RawNvHttp.http(host.httpPort(), get("/nothing-here"));
        assertTrue(unknown.startsWith("HTTP/1.1 200 OK") && unknown.contains("status_code=\"404\""), unknown);
        for (String path : new String[] {"/applist", "/appasset?appid=1", "/launch", "/resume", "/cancel"}) {
            String answer = RawNvHttp.http(host.httpPort(), get(path));
            assertTrue(answer.contains("status_code=\"404\"") && answer.contains("HTTPS port only"), answer);
        }
        assertTrue(sessions.calls.isEmpty());
        String unpair = RawNvHttp.http(host.httpPort(), get("/unpair?uniqueid=0123456789ABCDEF"));
        assertTrue(unpair.contains("status_code=\"200\""), unpair);
    }

    @Test
    void badPairingInputIsRefusedWithoutParking() throws Exception {
        String badHex = RawNvHttp.http(host.httpPort(),
                get("/pair?uniqueid=x&phrase=getservercert&salt=zz&clientcert=qq"));
        assertTrue(badHex.contains("status_code=\"400\"") && badHex.contains("<paired>0</paired>")
                || badHex.contains("status_code=\"400\""), badHex);
        String notACertificate = RawNvHttp.http(host.httpPort(),
                get("/pair?uniqueid=x&phrase=getservercert&salt=00112233445566778899AABBCCDDEEFF&clientcert=41"));
        assertTrue(notACertificate.contains("status_code=\"400\"") && notACertificate.contains("clientcert"),
                notACertificate);
        String shortSalt = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=x&phrase=getservercert&salt=0011"
                + "&clientcert=41"));
        assertTrue(shortSalt.contains("status_code=\"400\""), shortSalt);
        String noSession = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=x&clientchallenge=00"));
        assertTrue(noSession.contains("status_code=\"400\""), noSession);
        String noUniqueId = RawNvHttp.http(host.httpPort(), get("/pair?phrase=getservercert"));
        assertTrue(noUniqueId.contains("status_code=\"400\"") && noUniqueId.contains("uniqueid"), noUniqueId);
        String unknownStep = RawNvHttp.http(host.httpPort(), get("/pair?uniqueid=x&phrase=dance"));
        assertTrue(unknownStep.contains("status_code=\"404\""), unknownStep);
        assertEquals(0, server.pending().size());
        assertServing();
    }

    @Test
    void aSlowClientDoesNotHoldUpOthers() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", host.httpPort());
             Socket silent = new Socket("127.0.0.1", host.httpsPort())) {
            OutputStream out = slow.getOutputStream();
            for (byte b : "GET /serverinfo?uniq".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                assertServing();
            }
            assertTrue(client.serverInfo(host).appVersion().equals("7.1.431.-1"));
        }
    }

    private void assertServing() throws Exception {
        String answer = RawNvHttp.http(host.httpPort(), get("/serverinfo?uniqueid=abc"));
        assertTrue(answer.contains("<appversion>7.1.431.-1</appversion>"), answer);
    }
}
