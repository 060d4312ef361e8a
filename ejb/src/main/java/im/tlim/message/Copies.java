package im.tlim.message;

import java.util.List;

/**
 * Who gets the copies of a message being stored, and how each is addressed.
 *
 * @param recipients who gets one (an offline entry each); never the sender
 * @param addressEach whether each copy's msg_to becomes its recipient (group messages)
 * @param location the sender's device class for the copies' tlim extension, or null
 * @param senderResource the resource that sent it, which gets no echo; null echoes to all
 */
public record Copies(
    List<String> recipients, boolean addressEach, String location, String senderResource) {

  public Copies {
    recipients = List.copyOf(recipients);
  }

  /** A user's message that its recipients get as it was sent (1:1 messages, a 1:1 recall). */
  public static Copies asSent(Sender sender, List<String> recipients) {
    return new Copies(recipients, false, sender.location(), sender.resource());
  }

  /** A user's message to a group: each member's copy is addressed to that member. */
  public static Copies toEachMember(Sender sender, List<String> members) {
    return new Copies(members, true, sender.location(), sender.resource());
  }

  /** A message of the server's own (a system message) to each member, addressed to each. */
  public static Copies fromServerToEachMember(List<String> members) {
    return new Copies(members, true, null, null);
  }

  /** A message of the server's own to one user, as written (an approval notice). */
  public static Copies fromServerTo(String recipient) {
    return new Copies(List.of(recipient), false, null, null);
  }
}
