package dev.twilight.gamestream.nvhttp;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A GameStream XML answer: {@code <root status_code=".." status_message="..">} with child elements, written
 * as Sunshine writes it (an XML declaration, no whitespace).
 */
final class XmlReply {

    static final int OK = 200;

    private final StringBuilder attributes = new StringBuilder();
    private final Elements elements = new Elements();

    private XmlReply(int status, String message) {
        attribute("status_code", Integer.toString(status));
        if (message != null) {
            attribute("status_message", message);
        }
    }

    static XmlReply ok() {
        return new XmlReply(OK, null);
    }

    /** A refusal: the HTTP status stays 200, the XML carries the code and the message. */
    static XmlReply status(int status, String message) {
        return new XmlReply(status, message);
    }

    XmlReply attribute(String name, String value) {
        attributes.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        return this;
    }

    XmlReply with(String name, Object value) {
        elements.with(name, value);
        return this;
    }

    /** A child element that has children of its own, e.g. an {@code <App>}. */
    XmlReply with(String name, Consumer<Elements> children) {
        elements.with(name, children);
        return this;
    }

    NvHttpReply reply() {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><root" + attributes + ">" + elements.xml + "</root>";
        return new NvHttpReply(xml.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Child elements in order. */
    static final class Elements {

        private final StringBuilder xml = new StringBuilder();

        Elements with(String name, Object value) {
            xml.append('<').append(name).append('>').append(escape(String.valueOf(value)))
                    .append("</").append(name).append('>');
            return this;
        }

        Elements with(String name, Consumer<Elements> children) {
            xml.append('<').append(name).append('>');
            children.accept(this);
            xml.append("</").append(name).append('>');
            return this;
        }
    }

    /** Escapes markup and drops characters XML 1.0 cannot carry (control characters in an app name). */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xfffe && c != 0xffff
                            && (c < 0xd800 || c > 0xdfff))) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
