package dev.twilight.host.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PreferenceTest {

    @Test
    void listedNamesComeFirstInOrderThenTheRestByName() {
        Preference preference = new Preference(new String[] {"nvenc", "x264"});
        assertEquals(List.of("nvenc", "x264", "a", "openh264"), Stream.of("openh264", "x264", "a", "nvenc")
                .sorted(preference.comparator(name -> name)).toList());
        assertEquals(0, preference.rank("nvenc"));
        assertEquals(2, preference.rank("openh264"));
    }

    @Test
    void commaSeparatedEntriesFromPlainCfgFilesAreSplit() {
        Preference preference = new Preference(new String[] {" x264 , openh264", "", "x264"});
        assertEquals("x264,openh264", preference.toString());
        assertEquals(1, preference.rank("openh264"));
    }
}
