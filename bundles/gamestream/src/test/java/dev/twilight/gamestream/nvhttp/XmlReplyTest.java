package dev.twilight.gamestream.nvhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlReplyTest {

    @Test
    void writesSunshinesShapeAndEscapesWhatXmlCannotCarry() {
        NvHttpReply reply = XmlReply.status(401, "not \"paired\" <yet> & so on").attribute("query", "/applist")
                .with("App", app -> app.with("AppTitle", "Tom & Jerry\u0001").with("ID", 5))
                .reply();
        assertNull(reply.contentType(), "Sunshine sends XML without a content type");
        assertEquals("<?xml version=\"1.0\" encoding=\"utf-8\"?><root status_code=\"401\" status_message=\"not "
                + "&quot;paired&quot; &lt;yet&gt; &amp; so on\" query=\"/applist\"><App><AppTitle>Tom &amp; Jerry"
                + "</AppTitle><ID>5</ID></App></root>", new String(reply.body(), StandardCharsets.UTF_8));
    }
}
