/**
 * AES encryption of video (GCM) and audio (CBC) datagrams with the session key from the launch request.
 */
package dev.twilight.transport.crypto;
