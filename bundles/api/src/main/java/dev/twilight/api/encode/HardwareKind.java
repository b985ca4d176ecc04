package dev.twilight.api.encode;

/** What does the encoding work. */
public enum HardwareKind {
    SOFTWARE, NVENC, QSV, VAAPI, AMF, VIDEOTOOLBOX
}
