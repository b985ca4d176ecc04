package dev.twilight.client.nvhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.client.ClientException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NvHttpXmlTest {

    @Test
    void readsStatusChildrenAndRepeatedElements() throws Exception {
        NvHttpXml xml = parse("<?xml version=\"1.0\" encoding=\"utf-8\"?><root status_code=\"200\">"
                + "<hostname>Den &amp; Co</hostname><App><AppTitle>Desktop</AppTitle><ID>1</ID></App>"
                + "<App><AppTitle>Game</AppTitle><ID>7</ID><IsHdrSupported>1</IsHdrSupported></App></root>");
        assertEquals(200, xml.requireOk().status());
        assertEquals("Den & Co", xml.text("hostname"));
        assertNull(xml.text("missing"));
        List<Map<String, String>> apps = xml.all("App");
        assertEquals(2, apps.size());
        assertEquals("Game", apps.get(1).get("AppTitle"));
        assertEquals("1", apps.get(1).get("IsHdrSupported"));
    }

    @Test
    void aRefusalCarriesTheHostsStatusAndMessage() throws Exception {
        NvHttpXml xml = parse("<root status_code=\"503\" status_message=\"All sessions must be disconnected\"/>");
        ClientException refused = assertThrows(ClientException.class, xml::requireOk);
        assertEquals(503, refused.status());
        assertEquals("All sessions must be disconnected", refused.getMessage());
    }

    @Test
    void statusCodesAreReadUnsignedThenCutTo32Bits() throws Exception {
        assertEquals(-1, parse("<root status_code=\"4294967295\"/>").status());
    }

    @Test
    void malformedAnswersAreClientExceptions() {
        assertThrows(ClientException.class, () -> parse("not xml"));
        assertThrows(ClientException.class, () -> parse("<other status_code=\"200\"/>"));
        assertThrows(ClientException.class, () -> parse("<root status_code=\"x\"/>"));
        assertThrows(ClientException.class, () -> parse("<root/>"));
    }

    @Test
    void doctypesAndExternalEntitiesAreRefused() {
        ClientException refused = assertThrows(ClientException.class, () -> parse(
                "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<root status_code=\"200\"><hostname>&x;</hostname></root>"));
        assertTrue(refused.getMessage().contains("malformed XML"), refused.getMessage());
    }

    private static NvHttpXml parse(String xml) throws ClientException {
        return NvHttpXml.parse(xml.getBytes(StandardCharsets.UTF_8), "test");
    }
}
