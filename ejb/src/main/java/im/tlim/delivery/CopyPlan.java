package im.tlim.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.envelope.EnvelopeCodec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who gets a copy of one JMS message's dispatches, on which device, by which channel: the delivery
 * decision, made from the dispatches and a {@link DeviceSnapshot}, with no side effect. {@link
 * DeliveryConsumer} carries it out.
 *
 * <p>The rules, for each dispatch:
 *
 * <ul>
 *   <li>Each recipient's copy (its msg_to set to them when the dispatch addresses each) goes to
 *       every XMPP resource they have online and, when they have a page open on this node, to their
 *       pages.
 *   <li>A recipient with neither is offline: the copy waits in their offline store, and for a
 *       stored message (not a notice or a forwarded receipt) they get a push ({@link
 *       im.tlim.push.PushQueue} sends it only to those who registered a push code).
 *   <li>A recipient the registry does not list while it is not current is <em>undecided</em>: their
 *       pages get the frame now, and whether they get XMPP copies or a push is decided once the
 *       registry is current ({@link #decideLate}).
 *   <li>The echo: the sender's other devices, XMPP resources and pages, get the envelope as it was
 *       queued; the device that sent it ({@link Dispatch#echoExceptResource}, an XMPP resource or a
 *       {@linkplain im.tlim.presence.LiveConnections#newPageId page's id}) does not. The server's
 *       own messages have no echo user, so no echo.
 * </ul>
 *
 * @param xmpp the XMPP copies, in order
 * @param pages the frames for pages, in order
 * @param pushes the offline recipients of stored messages
 * @param undecided the recipients left for {@link #decideLate}
 */
public record CopyPlan(
    List<XmppGateway.Outgoing> xmpp,
    List<PageFrame> pages,
    List<Push> pushes,
    List<Undecided> undecided) {

  public CopyPlan {
    xmpp = List.copyOf(xmpp);
    pages = List.copyOf(pages);
    pushes = List.copyOf(pushes);
    undecided = List.copyOf(undecided);
  }

  /**
   * A frame for a user's pages.
   *
   * @param frameId what the page's duplicate check knows it by ({@link #frameId})
   * @param exceptPage the page that gets none (the sending one), or null
   */
  public record PageFrame(String user, String frameId, String text, String exceptPage) {}

  /** An offline recipient of a stored message, who may be woken by a push. */
  public record Push(String user, Dispatch.Stored message) {}

  /**
   * A recipient not listed online while the registry was not current.
   *
   * @param envelope their copy
   * @param location the sender's device class for the copy's tlim extension, or null
   * @param stored the stored message it carries, or null (then no push)
   */
  public record Undecided(
      String recipient, String envelope, String location, Dispatch.Stored stored) {}

  /** The users whose devices the decision needs: every recipient and echo user, once each. */
  public static Set<String> usersOf(List<Dispatch> dispatches) {
    Set<String> users = new LinkedHashSet<>();
    for (Dispatch dispatch : dispatches) {
      users.addAll(dispatch.recipients());
      if (dispatch.echoUser() != null) {
        users.add(dispatch.echoUser());
      }
    }
    return users;
  }

  /** Decides the copies of these dispatches, in their order. */
  public static CopyPlan decide(List<Dispatch> dispatches, DeviceSnapshot devices) {
    List<XmppGateway.Outgoing> xmpp = new ArrayList<>();
    List<PageFrame> pages = new ArrayList<>();
    List<Push> pushes = new ArrayList<>();
    List<Undecided> undecided = new ArrayList<>();
    for (Dispatch dispatch : dispatches) {
      // a group's copies differ only in msg_to: parse once, address each
      ObjectNode template =
          dispatch.addressEach() ? EnvelopeCodec.parseWritten(dispatch.envelope()) : null;
      for (String recipient : dispatch.recipients()) {
        String envelope =
            template != null ? EnvelopeCodec.addressedTo(template, recipient) : dispatch.envelope();
        Set<String> resources = devices.resourcesOf(recipient);
        boolean page = devices.hasPage(recipient);
        if (page) {
          pages.add(new PageFrame(recipient, frameId(envelope), envelope, null));
        }
        if (resources.isEmpty() && !devices.current()) {
          undecided.add(new Undecided(recipient, envelope, dispatch.location(), dispatch.stored()));
        } else if (resources.isEmpty() && !page) {
          if (dispatch.stored() != null) {
            pushes.add(new Push(recipient, dispatch.stored()));
          }
        } else {
          for (String resource : resources) {
            xmpp.add(new XmppGateway.Outgoing(recipient, resource, envelope, dispatch.location()));
          }
        }
      }
      String echoUser = dispatch.echoUser();
      if (echoUser != null) {
        String sending = dispatch.echoExceptResource();
        pages.add(
            new PageFrame(echoUser, frameId(dispatch.envelope()), dispatch.envelope(), sending));
        for (String resource : devices.resourcesOf(echoUser)) {
          if (!resource.equals(sending)) {
            xmpp.add(
                new XmppGateway.Outgoing(
                    echoUser, resource, dispatch.envelope(), dispatch.location()));
          }
        }
      }
    }
    return new CopyPlan(xmpp, pages, pushes, undecided);
  }

  /** The undecided recipients, once each, to look up again once the registry is current. */
  public Set<String> undecidedUsers() {
    Set<String> users = new LinkedHashSet<>();
    undecided.forEach(each -> users.add(each.recipient()));
    return users;
  }

  /**
   * The undecided recipients' copies, from a snapshot taken once the registry is current: XMPP
   * copies to those now online; a push for a stored message to those with no XMPP resource and no
   * page (a page open at the first decision has its frame in this plan already).
   *
   * @return a plan of XMPP copies and pushes only
   */
  public CopyPlan decideLate(DeviceSnapshot now) {
    List<XmppGateway.Outgoing> xmpp = new ArrayList<>();
    List<Push> pushes = new ArrayList<>();
    for (Undecided each : undecided) {
      Set<String> resources = now.resourcesOf(each.recipient());
      for (String resource : resources) {
        xmpp.add(
            new XmppGateway.Outgoing(each.recipient(), resource, each.envelope(), each.location()));
      }
      if (resources.isEmpty() && !now.hasPage(each.recipient()) && each.stored() != null) {
        pushes.add(new Push(each.recipient(), each.stored()));
      }
    }
    return new CopyPlan(xmpp, List.of(), pushes, List.of());
  }

  /** What a page's duplicate check knows a frame by: type, id and addressee of the envelope. */
  static String frameId(String envelope) {
    ObjectNode parsed = EnvelopeCodec.parseWritten(envelope);
    return parsed.path("msg_type").asText()
        + '/'
        + parsed.path("msg_id").asText()
        + '/'
        + parsed.path("msg_to").asText();
  }
}
