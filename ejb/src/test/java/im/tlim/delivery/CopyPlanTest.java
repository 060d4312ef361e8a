package im.tlim.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.tlim.presence.LiveConnections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who gets a copy, on which device, by which channel: each rule of the delivery decision. */
class CopyPlanTest {

  private static final String GROUP_MESSAGE =
      "{\"msg_type\":\"MTS-000\",\"msg_id\":\"m1\",\"msg_from\":\"alice\",\"msg_to\":\"g1\"}";
  private static final String TO_BOB =
      "{\"msg_type\":\"MTT-000\",\"msg_id\":\"m2\",\"msg_from\":\"alice\",\"msg_to\":\"bob\"}";

  private static final Dispatch.Stored M1 = new Dispatch.Stored("m1", "MTS-000", "alice", "g1", 7L);
  private static final Dispatch.Stored M2 = new Dispatch.Stored("m2", "MTT-000", "alice", "p", 3L);

  /** A group message for bob and carol, echoed to alice's devices but her phone, which sent it. */
  private static final Dispatch GROUP =
      new Dispatch(GROUP_MESSAGE, "mobile", List.of("bob", "carol"), true, null, null, M1)
          .echoingTo("alice", "phone");

  private static Dispatch toBob(Dispatch.Stored stored) {
    return toBob(TO_BOB, "web", false, stored);
  }

  /** A dispatch of this envelope to bob alone, echoed to no one. */
  private static Dispatch toBob(
      String envelope, String location, boolean addressEach, Dispatch.Stored stored) {
    return new Dispatch(envelope, location, List.of("bob"), addressEach, null, null, stored);
  }

  private static String addressedTo(String envelope, String user) {
    return envelope.replaceFirst("\"msg_to\":\"[^\"]*\"", "\"msg_to\":\"" + user + "\"");
  }

  /** A copy of {@link #TO_BOB}, sent from a web device. */
  private static XmppGateway.Outgoing toBobOn(String user, String resource) {
    return new XmppGateway.Outgoing(user, resource, TO_BOB, "web");
  }

  private static DeviceSnapshot current(Map<String, Set<String>> resources, Set<String> pages) {
    return new DeviceSnapshot(resources, pages, true);
  }

  @Test
  void eachRecipientGetsTheirOwnCopyOnEveryDeviceAndPage() {
    CopyPlan plan =
        CopyPlan.decide(
            List.of(GROUP),
            current(Map.of("bob", Set.of("phone"), "carol", Set.of("web1")), Set.of("carol")));

    String toBob = addressedTo(GROUP_MESSAGE, "bob");
    String toCarol = addressedTo(GROUP_MESSAGE, "carol");
    assertEquals(
        List.of(
            new XmppGateway.Outgoing("bob", "phone", toBob, "mobile"),
            new XmppGateway.Outgoing("carol", "web1", toCarol, "mobile")),
        plan.xmpp());
    assertEquals(
        new CopyPlan.PageFrame("carol", "MTS-000/m1/carol", toCarol, null), plan.pages().get(0));
    assertEquals(List.of(), plan.pushes());
    assertEquals(List.of(), plan.undecided());
  }

  @Test
  void aCopyNotAddressedToEachGoesAsItIs() {
    CopyPlan plan =
        CopyPlan.decide(List.of(toBob(M2)), current(Map.of("bob", Set.of("a")), Set.of()));

    assertEquals(List.of(toBobOn("bob", "a")), plan.xmpp());
  }

  @Test
  void theEchoGoesToTheSendersOtherDevicesAndPagesButNotTheSendingOne() {
    CopyPlan plan =
        CopyPlan.decide(
            List.of(GROUP), current(Map.of("alice", Set.of("phone", "laptop")), Set.of("alice")));

    assertEquals(
        List.of(new XmppGateway.Outgoing("alice", "laptop", GROUP_MESSAGE, "mobile")),
        plan.xmpp(),
        "the group's envelope as it was queued, to every resource but the sending phone");
    assertEquals(
        List.of(new CopyPlan.PageFrame("alice", "MTS-000/m1/g1", GROUP_MESSAGE, "phone")),
        plan.pages());
  }

  @Test
  void theEchoOfWhatAPageSentPassesOverThatPageOnly() {
    String page = LiveConnections.newPageId();
    Dispatch fromPage =
        new Dispatch(TO_BOB, "web", List.of("bob"), false, null, null, M2).echoingTo("alice", page);

    CopyPlan plan =
        CopyPlan.decide(
            List.of(fromPage), current(Map.of("alice", Set.of("phone")), Set.of("alice")));

    assertEquals(List.of(toBobOn("alice", "phone")), plan.xmpp());
    assertEquals(
        List.of(new CopyPlan.PageFrame("alice", "MTT-000/m2/bob", TO_BOB, page)), plan.pages());
  }

  @Test
  void theServersOwnMessagesHaveNoEcho() {
    String notice =
        "{\"msg_type\":\"MTS-101\",\"msg_id\":\"n1\",\"msg_from\":\"system\",\"msg_to\":\"g1\"}";
    Dispatch fromServer =
        toBob(notice, null, true, new Dispatch.Stored("n1", "MTS-101", "system", "g1", 8L));

    CopyPlan plan =
        CopyPlan.decide(
            List.of(fromServer),
            current(Map.of("bob", Set.of("phone"), "system", Set.of("x")), Set.of()));

    assertEquals(
        List.of(new XmppGateway.Outgoing("bob", "phone", addressedTo(notice, "bob"), null)),
        plan.xmpp());
    assertEquals(List.of(), plan.pages());
    assertEquals(Set.of("bob"), CopyPlan.usersOf(List.of(fromServer)));
  }

  @Test
  void anOfflineRecipientOfAStoredMessageIsPushedAndGetsNoCopy() {
    CopyPlan plan = CopyPlan.decide(List.of(toBob(M2)), current(Map.of(), Set.of()));

    assertEquals(List.of(), plan.xmpp());
    assertEquals(List.of(), plan.pages());
    assertEquals(List.of(new CopyPlan.Push("bob", M2)), plan.pushes());
  }

  @Test
  void anOfflineRecipientOfANoticeOrAForwardedReceiptIsNotPushed() {
    CopyPlan plan = CopyPlan.decide(List.of(toBob(null)), current(Map.of(), Set.of()));

    assertEquals(List.of(), plan.pushes());
    assertEquals(List.of(), plan.xmpp());
  }

  @Test
  void aRecipientWithOnlyAPageIsOnlineThere() {
    CopyPlan plan = CopyPlan.decide(List.of(toBob(M2)), current(Map.of(), Set.of("bob")));

    assertEquals(
        List.of(new CopyPlan.PageFrame("bob", "MTT-000/m2/bob", TO_BOB, null)), plan.pages());
    assertEquals(List.of(), plan.pushes(), "a page is online: no push");
    assertEquals(List.of(), plan.xmpp());
  }

  @Test
  void anEchoOnlyDispatchTellsTheSendersOtherDevicesAlone() {
    String receipt =
        "{\"msg_type\":\"MTT-100\",\"msg_id\":\"r1\",\"msg_from\":\"bob\",\"msg_to\":\"bob\"}";
    Dispatch ownReceipt = Dispatch.to(List.of(), receipt, "web").echoingTo("bob", "web1");

    CopyPlan plan =
        CopyPlan.decide(
            List.of(ownReceipt), current(Map.of("bob", Set.of("web1", "phone")), Set.of()));

    assertEquals(List.of(new XmppGateway.Outgoing("bob", "phone", receipt, "web")), plan.xmpp());
    assertEquals(List.of(), plan.pushes());
  }

  @Test
  void whilePresenceIsNotCurrentAnUnlistedRecipientIsUndecidedButAListedOneGetsItsCopies() {
    CopyPlan plan =
        CopyPlan.decide(
            List.of(GROUP),
            new DeviceSnapshot(Map.of("bob", Set.of("phone")), Set.of("carol"), false));

    String toCarol = addressedTo(GROUP_MESSAGE, "carol");
    assertEquals(
        List.of(
            new XmppGateway.Outgoing("bob", "phone", addressedTo(GROUP_MESSAGE, "bob"), "mobile")),
        plan.xmpp());
    assertEquals(List.of(new CopyPlan.Undecided("carol", toCarol, "mobile", M1)), plan.undecided());
    assertEquals(
        new CopyPlan.PageFrame("carol", "MTS-000/m1/carol", toCarol, null),
        plan.pages().get(0),
        "a page open now gets its frame without waiting");
    assertEquals(List.of(), plan.pushes(), "nobody is taken for offline yet");
    assertEquals(Set.of("carol"), plan.undecidedUsers());
  }

  @Test
  void onceCurrentTheUndecidedGetCopiesIfOnlineAndAPushIfNot() {
    Dispatch forCarolAndDan =
        new Dispatch(TO_BOB, "web", List.of("bob", "carol", "dan"), false, null, null, M2);
    CopyPlan plan =
        CopyPlan.decide(
            List.of(forCarolAndDan), new DeviceSnapshot(Map.of(), Set.of("dan"), false));

    CopyPlan late =
        plan.decideLate(current(Map.of("bob", Set.of("phone")), Set.of("dan", "carol")));

    assertEquals(List.of(toBobOn("bob", "phone")), late.xmpp());
    assertEquals(
        List.of(), late.pushes(), "carol opened a page meanwhile, dan had one: neither is offline");
    assertEquals(List.of(), late.pages(), "only a page open at the first decision gets a frame");

    CopyPlan nobody = plan.decideLate(current(Map.of(), Set.of()));
    assertEquals(
        List.of(
            new CopyPlan.Push("bob", M2),
            new CopyPlan.Push("carol", M2),
            new CopyPlan.Push("dan", M2)),
        nobody.pushes());
  }

  @Test
  void anUndecidedNoticeIsNeverPushed() {
    CopyPlan plan =
        CopyPlan.decide(List.of(toBob(null)), new DeviceSnapshot(Map.of(), Set.of(), false));

    assertEquals(List.of(), plan.decideLate(current(Map.of(), Set.of())).pushes());
  }

  @Test
  void copiesKeepTheDispatchesOrder() {
    Dispatch first = toBob(M2);
    String second = TO_BOB.replace("m2", "m3");
    Dispatch next =
        toBob(second, "web", false, new Dispatch.Stored("m3", "MTT-000", "alice", "p", 4L));

    CopyPlan plan =
        CopyPlan.decide(List.of(first, next), current(Map.of("bob", Set.of("a")), Set.of("bob")));

    assertEquals(
        List.of(toBobOn("bob", "a"), new XmppGateway.Outgoing("bob", "a", second, "web")),
        plan.xmpp());
    assertEquals(
        List.of("MTT-000/m2/bob", "MTT-000/m3/bob"),
        plan.pages().stream().map(CopyPlan.PageFrame::frameId).toList());
  }

  @Test
  void theUsersToLookUpAreEveryRecipientAndEchoUserOnce() {
    assertEquals(
        List.of("bob", "carol", "alice"),
        List.copyOf(CopyPlan.usersOf(List.of(GROUP, GROUP, toBob(M2)))));
  }

  @Test
  void aFrameIsKnownByTypeIdAndAddressee() {
    assertEquals("MTT-000/m2/bob", CopyPlan.frameId(TO_BOB));
    assertEquals("/x/", CopyPlan.frameId("{\"msg_id\":\"x\"}"));
  }
}
