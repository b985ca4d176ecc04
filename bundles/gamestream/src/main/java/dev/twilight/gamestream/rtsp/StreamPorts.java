package dev.twilight.gamestream.rtsp;

/** The UDP ports the SETUP replies send clients to. */
record StreamPorts(int video, int control, int audio) {

    int of(MediaStream stream) {
        return switch (stream) {
            case VIDEO -> video;
            case CONTROL -> control;
            case AUDIO -> audio;
        };
    }
}
