package im.tlim.message;

import im.tlim.presence.DeviceClass;

/**
 * Who sent an envelope, as the XMPP server authenticated them.
 *
 * @param userId the local part of the sender's address
 * @param resource the sending device's resource
 * @param device the device class, from the tlim extension or the resource
 * @param location the tlim extension's location as sent, or null
 */
public record Sender(String userId, String resource, DeviceClass device, String location) {}
