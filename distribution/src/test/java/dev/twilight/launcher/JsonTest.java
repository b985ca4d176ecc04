package dev.twilight.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatTheAdminApiAndAdminJsonHold() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("accepted", true);
        expected.put("message", "PIN \"1234\" given\nto Phone \u00e9");
        expected.put("iterations", new BigDecimal("210000"));
        expected.put("nested", Map.of("list", Arrays.asList(new BigDecimal("1.5"), null, false)));
        expected.put("empty", Map.of());
        assertEquals(expected, Json.parseObject(" {\"accepted\" : true, \"message\":\"PIN \\\"1234\\\" given\\nto "
                + "Phone \\u00e9\", \"iterations\":210000, \"nested\":{\"list\":[1.5,null,false]}, \"empty\":{}} "));
    }

    @Test
    void refusesWhatIsNotOneObject() {
        for (String text : List.of("", "[]", "{", "{\"a\":}", "{\"a\":1} x", "{a:1}", "{\"a\":\"open}",
                "<html>404</html>")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parseObject(text), text);
        }
    }

    @Test
    void quotedStringsReadBackUnchanged() {
        String name = "Living-room \"TV\" \\ 2\n\u0001";
        assertEquals(name, Json.parseObject("{\"name\":" + Json.quote(name) + "}").get("name"));
    }
}
