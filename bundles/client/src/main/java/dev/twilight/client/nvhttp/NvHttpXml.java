package dev.twilight.client.nvhttp;

import dev.twilight.api.client.ClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A host's XML answer: {@code <root status_code=".." status_message="..">} and its child elements. Parsed by
 * the JDK's own parser with DTDs, external entities and XInclude off, since the host is not trusted.
 */
final class NvHttpXml {

    private final int status;
    private final String message;
    private final Element root;

    private NvHttpXml(int status, String message, Element root) {
        this.status = status;
        this.message = message;
        this.root = root;
    }

    /** @param source names the request in errors, e.g. {@code 192.168.1.5 /serverinfo} */
    static NvHttpXml parse(byte[] body, String source) throws ClientException {
        Document document;
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // fail on errors without printing them
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new ClientException(0, "malformed XML from " + source + ": " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (root == null || !"root".equals(root.getTagName())) {
            throw new ClientException(0, "malformed XML from " + source + ": no <root> element");
        }
        String code = root.getAttribute("status_code");
        int status;
        try {
            // GFE sends 0xFFFFFFFF: read unsigned, keep the 32 bits
            status = (int) Long.parseLong(code.strip());
        } catch (NumberFormatException e) {
            throw new ClientException(0, "malformed XML from " + source + ": status_code '" + code + "'");
        }
        String message = root.hasAttribute("status_message") ? root.getAttribute("status_message") : "";
        return new NvHttpXml(status, message, root);
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }

    int status() {
        return status;
    }

    /** @throws ClientException with the host's status and message unless the status is 200 */
    NvHttpXml requireOk() throws ClientException {
        if (status != 200) {
            throw new ClientException(status, message.isBlank() ? "the host refused with status " + status : message);
        }
        return this;
    }

    /** The text of the first child element of {@code <root>} with that name, or null. */
    String text(String name) {
        for (Element element : children(root)) {
            if (element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        return null;
    }

    /** Each child element of {@code <root>} with that name, as its own children's names and texts. */
    List<Map<String, String>> all(String name) {
        List<Map<String, String>> all = new ArrayList<>();
        for (Element element : children(root)) {
            if (element.getTagName().equals(name)) {
                Map<String, String> fields = new LinkedHashMap<>();
                children(element).forEach(field -> fields.putIfAbsent(field.getTagName(), field.getTextContent().strip()));
                all.add(fields);
            }
        }
        return all;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }
}
