package im.tlim.xmpp.api;

import jakarta.resource.ResourceException;

/**
 * A handle on the component's stream to the XMPP server. Sends are written in order on the shared
 * stream; a send while the stream is down fails with {@link ResourceException} so the caller can
 * retry (for a JMS consumer: roll back and let the broker redeliver).
 */
public interface XmppConnection extends AutoCloseable {

  /**
   * Sends a {@code type='chat'} message from the service address to a user of the configured
   * domain.
   *
   * @param userId the local part of the recipient's address
   * @param resource a resource to address one device, or null for the bare address
   * @param body the body text (the JSON envelope)
   * @param location the {@code location} of the {@code <tlim xmlns='im.itonglian.com'/>} extension
   *     (the sending device's class), or null to send none
   */
  void sendToUser(String userId, String resource, String body, String location)
      throws ResourceException;

  /**
   * Sends the service's presence to one device of a user: {@code available} acknowledges a device's
   * directed presence, {@code unavailable} withdraws it.
   */
  void sendPresence(String userId, String resource, boolean available) throws ResourceException;

  /** Sends a presence probe to a user, so the server answers with their current presence. */
  void probePresence(String userId) throws ResourceException;

  /** The domain users live on, e.g. {@code example.com}. */
  String userDomain();

  /** The service's own address, e.g. {@code tlim.example.com}. */
  String serviceAddress();

  /** Whether the component stream is up and authenticated right now. */
  boolean isConnected();

  /**
   * Which component stream is open: 1 for the first since the adapter started, one more for each
   * reconnect, 0 while none is. What the XMPP server told the service about presence holds only for
   * the stream it arrived on (the server forgets a disconnected component's subscriptions' state,
   * and users may come and go meanwhile).
   */
  long streamGeneration();

  @Override
  void close();
}
