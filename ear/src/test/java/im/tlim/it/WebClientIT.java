package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The reference web client in real browsers (Debian's headless Chromium), each user signed in with
 * their own token: 1:1 and group chats between browsers, unread badges, read states and counts,
 * recall, files and images, a reconnect that catches up, two tabs in step, refusals, token expiry
 * and the page's Content-Security-Policy. It also takes the README's screenshots.
 */
class WebClientIT extends BlackBoxTest {

  /** Ids of this test's own users, so nothing another test left behind shows in its lists. */
  private static String id(String name) {
    return name + UUID.randomUUID().toString().substring(0, 6);
  }

  /**
   * Puts users in the directory with their names (id, name, id, name …), as the company's backend
   * does.
   */
  private static void named(String... idsAndNames) throws Exception {
    StringBuilder users = new StringBuilder();
    for (int i = 0; i < idsAndNames.length; i += 2) {
      users
          .append(i > 0 ? "," : "")
          .append("{\"user_id\":\"")
          .append(idsAndNames[i])
          .append("\",\"user_name\":\"")
          .append(idsAndNames[i + 1])
          .append("\"}");
    }
    assertEquals(200, Http.postJson("addUser", "{\"users\":[" + users + "]}").status());
  }

  /** A fresh user of that name, in the directory, signed in in a browser of their own. */
  private static Browser freshUserSignedIn(String name) throws Exception {
    String user = id(name);
    TestEnvironment.knownUsers(user);
    return Browser.signedIn(user);
  }

  /** Ann Lee, Ben Okafor and Cy Park: three fresh users, named in the directory; their ids. */
  private static String[] annBenAndCy() throws Exception {
    String[] ids = {id("ann"), id("ben"), id("cy")};
    named(ids[0], "Ann Lee", ids[1], "Ben Okafor", ids[2], "Cy Park");
    return ids;
  }

  /**
   * Creates a group from the creator's page, each member picked from the directory; answers its
   * session_id once the page shows it under {@code title}.
   */
  private static String createGroup(Browser creator, String name, String title, String... members) {
    creator.click("#new-group-button");
    if (name != null) {
      creator.find("#new-group-name").sendKeys(name);
    }
    for (String member : members) {
      creator.pickFromDirectory("#new-group-members", "#new-group-results", member);
    }
    creator.click("#new-group-form button[value=create]");
    creator.awaitText("#conv-title", title);
    return (String) creator.script("return document.querySelector('button.conv.open').dataset.key");
  }

  @Test
  void aChatStartedFromTheDirectoryShowsThePeersPresence() throws Exception {
    String ann = id("ann");
    String ben = id("ben");
    named(ann, "Ann Lee", ben, "Ben Okafor");
    try (Browser a = Browser.signedIn(ann)) {
      Browser b = Browser.signedIn(ben);
      try {
        a.startChatFromDirectory(ben);
        a.awaitText("#conv-title", "Ben Okafor");
        a.awaitText("#conv-subtitle", "Online"); // ben's page is open
        String sent = a.send("found you in the directory");
        b.waitFor(d -> b.badge(ann).equals("1"));
        a.awaitState(sent, "Delivered");
      } finally {
        b.close();
      }
      // his page closed: the next refresh says so
      a.awaitText("#conv-subtitle", "Offline");
    }
  }

  @Test
  void aVoiceMessagePlays() throws Exception {
    String ann = id("ann");
    String ben = id("ben");
    TestEnvironment.knownUsers(ann, ben);
    Path voice = Files.createTempDirectory("tlim-voice").resolve("hello.wav");
    writeTone(voice, 1);
    try (Browser a = Browser.signedIn(ann);
        Browser b = Browser.signedIn(ben)) {
      a.startChat(ben);
      a.find("#file").sendKeys(voice.toString());
      a.waitFor(d -> !a.all("#messages li.mine audio").isEmpty());
      b.openConversation(ann);
      String audio = "#messages li.theirs audio";
      // the player holds the file's bytes (a blob: URL fetched with the token) and plays them
      b.waitFor(
          d ->
              String.valueOf(b.script("return document.querySelector(arguments[0]).src", audio))
                  .startsWith("blob:"));
      assertEquals("Voice message", b.find(audio).getAttribute("aria-label"));
      b.script(
          "const a = document.querySelector(arguments[0]); a.muted = true; a.preload = 'auto'; a.play();",
          audio);
      b.waitFor(
          d ->
              (Boolean)
                  b.script(
                      "const a = document.querySelector(arguments[0]);"
                          + "return a.error === null && Math.abs(a.duration - 1) < 0.1"
                          + " && (a.currentTime > 0 || a.ended);",
                      audio));
    }
  }

  /** A WAV file of a 440 Hz tone, {@code seconds} long. */
  private static void writeTone(Path file, int seconds) throws Exception {
    float rate = 8000;
    int frames = (int) rate * seconds;
    byte[] samples = new byte[frames * 2]; // 16-bit little-endian PCM, which every browser plays
    for (int i = 0; i < frames; i++) {
      short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
      samples[2 * i] = (byte) v;
      samples[2 * i + 1] = (byte) (v >> 8);
    }
    javax.sound.sampled.AudioFormat format =
        new javax.sound.sampled.AudioFormat(rate, 16, 1, true, false);
    try (var in =
        new javax.sound.sampled.AudioInputStream(
            new java.io.ByteArrayInputStream(samples), format, frames)) {
      javax.sound.sampled.AudioSystem.write(
          in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
    }
  }

  @Test
  void aMemberLeavesAGroup() throws Exception {
    String ann = id("ann");
    String ben = id("ben");
    named(ann, "Ann Lee", ben, "Ben Okafor");
    try (Browser a = Browser.signedIn(ann);
        Browser b = Browser.signedIn(ben)) {
      String group = createGroup(a, "Leavers", "Leavers", ben);
      b.openConversation(group);
      b.click("#group-info");
      b.click("#group-panel .leave");
      b.waitFor(d -> b.text("#group-panel .panel-status").equals("Leave: done"));
      b.click("#group-panel .close");
      b.waitFor(d -> b.find("#closed").isDisplayed() && !b.find("#compose").isDisplayed());
      // the others see that he quit, and he is no longer a member
      a.waitFor(d -> !a.all("#messages li.system[data-type='MTS-104']").isEmpty());
      assertEquals(
          1,
          Http.get("findSubscribers", java.util.Map.of("session_id", group))
              .json()
              .path("subscribers")
              .size());
    }
  }

  @Test
  void aConversationIsOpenedAndWrittenToWithTheKeyboardOnly() throws Exception {
    String ann = id("ann");
    String ben = id("ben");
    TestEnvironment.knownUsers(ann, ben);
    try (XmppClient phone = XmppClient.onlineAs(ben, "mobile")) {
      String asked = Envelopes.newId();
      phone.send(Envelopes.text(ben, ann, asked, "are you there?"), "mobile");
      assertEquals("ok", phone.awaitAnswer(asked).path("result").asText());
    }
    try (Browser a = Browser.signedIn(ann)) {
      a.waitFor(d -> a.badge(ben).equals("1"));

      // Tab from the top of the page reaches the conversation in the list, with a focus ring
      a.script("document.activeElement.blur()");
      for (int i = 0; i < 20 && !a.focusedWithRing(a.conversation(ben)); i++) {
        a.keys(Keys.TAB);
      }
      assertTrue(a.focusedWithRing(a.conversation(ben)), "the list entry is reached by Tab");
      a.keys(Keys.ENTER);
      a.waitFor(d -> a.find("#conversation-pane").isDisplayed());
      a.messageWithText("are you there?");

      // the message box has the focus; typed into, then Tab goes on to attach and send
      a.waitFor(d -> a.focusedWithRing("#text"));
      a.keys("typed, not clicked");
      a.keys(Keys.TAB);
      a.waitFor(d -> a.focusedWithRing("#file"));
      a.keys(Keys.TAB);
      a.waitFor(d -> a.focusedWithRing("#send"));
      a.keys(Keys.ENTER);
      a.awaitState(a.messageWithText("typed, not clicked"), "Sent");
      assertEquals("", a.find("#text").getAttribute("value"), "the box is empty again");
    }
  }

  @Test
  void twoUsersChatOneToOne() throws Exception {
    try (Browser a = freshUserSignedIn("ann");
        Browser b = freshUserSignedIn("ben")) {
      String ann = a.user, ben = b.user;
      a.startChat(ben);
      String first = a.send("hello <b>ben</b>");
      // the server's answer, then ben's page receives it (delivered) while his list shows it unread
      b.waitFor(d -> b.badge(ann).equals("1"));
      assertTrue(b.text(b.conversation(ann)).contains("hello <b>ben</b>"), "preview as text");
      a.waitFor(d -> List.of("Delivered", "Read").contains(a.text(a.message(first) + " .state")));

      b.openConversation(ann);
      String shown = b.messageWithText("hello <b>ben</b>");
      assertEquals(first, shown);
      assertTrue(b.all(b.message(first) + " b").isEmpty(), "markup in a message is shown as text");
      b.waitFor(d -> b.badge(ann).isEmpty());
      a.awaitState(first, "Read");

      String reply = b.send("hi ann");
      a.messageWithText("hi ann");
      b.awaitState(reply, "Read"); // ann has the conversation open

      // recall, as seen by the other user
      a.click(a.message(first) + " .recall");
      a.awaitText(a.message(first) + " .bubble", "Message recalled");
      b.awaitText(b.message(first) + " .bubble", "Message recalled");
      assertEquals(0, b.all(b.message(first) + " .text").size());

      // a reload: history comes back from the server in order, with day separators and times
      b.driver.navigate().refresh();
      b.waitFor(d -> "online".equals(b.find("#connection").getAttribute("data-state")));
      b.openConversation(ann);
      b.awaitText(b.message(first) + " .bubble", "Message recalled");
      b.messageWithText("hi ann");
      assertFalse(b.all("#messages li.day").isEmpty(), "a day separator");
      assertTrue(b.text(b.message(reply) + " time").matches("\\d{1,2}:\\d{2}.*"));
    }
  }

  @Test
  void groupChatWithReadCountsReadersAndRecall() throws Exception {
    String[] u = annBenAndCy();
    String ann = u[0], ben = u[1], cy = u[2];
    try (Browser a = Browser.signedIn(ann);
        Browser b = Browser.signedIn(ben);
        Browser c = Browser.signedIn(cy)) {
      String group = createGroup(a, "Project X", "Project X", ben, cy);
      a.waitFor(d -> !a.all("#messages li.system[data-type='MTS-105']").isEmpty());

      // the new group reaches the members' lists live, with its system message
      b.waitFor(d -> !b.all(b.conversation(group)).isEmpty());
      c.waitFor(d -> !c.all(c.conversation(group)).isEmpty());
      String sent = a.send("kick-off at ten");
      b.waitFor(d -> b.badge(group).equals("1"));
      c.waitFor(d -> c.badge(group).equals("1"));
      a.awaitState(sent, "Sent");

      b.openConversation(group);
      b.messageWithText("kick-off at ten");
      b.waitFor(d -> "Ann Lee".equals(b.text(b.message(sent) + " .sender")));
      a.awaitState(sent, "Read by 1");
      c.openConversation(group);
      c.messageWithText("kick-off at ten");
      a.awaitState(sent, "Read by 2");
      a.click(a.message(sent) + " .read-count");
      a.waitFor(d -> a.find("#readers").isDisplayed());
      String readers = a.text("#readers ul");
      assertTrue(readers.contains("Ben Okafor") && readers.contains("Cy Park"), readers);
      a.click("#readers .close");

      String recalled = b.send("oops, wrong group");
      a.messageWithText("oops, wrong group");
      b.click(b.message(recalled) + " .recall");
      a.awaitText(a.message(recalled) + " .bubble", "Message recalled");
      c.awaitText(c.message(recalled) + " .bubble", "Message recalled");

      // rename from the group panel: a system message for everyone, the new name in the lists
      a.click("#group-info");
      a.waitFor(d -> a.find("#group-panel").isDisplayed());
      WebElement name = a.find("#group-name");
      name.clear();
      name.sendKeys("Project Y");
      a.click("#group-panel form.rename button[type=submit]");
      c.waitFor(d -> !c.all("#messages li.system[data-type='MTS-102']").isEmpty());
      c.awaitText("#conv-title", "Project Y");
      assertTrue(c.text(c.conversation(group)).contains("Project Y"));
      a.waitFor(d -> a.text("#group-panel .presence").startsWith("3 members"));
      a.click("#group-panel .close");

      a.screenshot("desktop-group", 1280, 800);
      b.screenshot("desktop-list", 1280, 800);
      a.screenshot("narrow-conversation", 360, 740);
      a.click("#back");
      a.screenshot("narrow-list", 360, 740);
    }
  }

  @Test
  void filesImagesAndDownloads() throws Exception {
    String ann = id("ann");
    String ben = id("ben");
    TestEnvironment.knownUsers(ann, ben);
    Path dir = Files.createTempDirectory("tlim-files");
    Path image = dir.resolve("chart.png");
    BufferedImage picture = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
    picture.getGraphics().fillRect(10, 10, 50, 50);
    ImageIO.write(picture, "png", image.toFile());
    Path report = dir.resolve("report.txt");
    Files.writeString(report, "quarterly figures\n".repeat(2000));
    try (Browser a = Browser.signedIn(ann);
        Browser b = Browser.signedIn(ben)) {
      a.startChat(ben);
      a.find("#file").sendKeys(image.toString());
      a.waitFor(d -> !a.all("#messages li.mine img.thumb").isEmpty());
      a.find("#file").sendKeys(report.toString());
      a.waitFor(d -> !a.all("#messages li.mine .file-link").isEmpty());

      b.openConversation(ann);
      b.waitFor(
          d ->
              (Boolean)
                  b.script(
                      "const img = document.querySelector('#messages li.theirs img.thumb');"
                          + "return !!img && img.complete && img.naturalWidth === 120;"));
      WebElement link = b.waitFor(d -> b.find("#messages li.theirs .file-link"));
      assertTrue(
          link.getText().contains("report.txt") && link.getText().contains("35.2 KB"),
          link.getText());
      link.click();
      Path downloaded = b.downloads.resolve("report.txt");
      b.waitFor(d -> Files.exists(downloaded) && sizeOf(downloaded) == sizeOf(report));
      assertEquals(Files.readString(report), Files.readString(downloaded));
    }
  }

  /**
   * The writer starts a chat with the reader and sends the text, which the reader opens; its id.
   */
  private static String seenByThePeer(Browser writer, Browser reader, String text) {
    writer.startChat(reader.user);
    String msgId = writer.send(text);
    reader.openConversation(writer.user);
    reader.messageWithText(text);
    return msgId;
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  @Test
  void aReconnectCatchesUp() throws Exception {
    try (Browser a = freshUserSignedIn("ann");
        Browser b = freshUserSignedIn("ben")) {
      String ann = a.user, ben = b.user;
      String before = seenByThePeer(a, b, "before the drop");
      a.awaitState(before, "Read");

      // ann's socket drops and stays away for 4 s; ben writes meanwhile
      a.script("window.tlimDropConnection(4000)");
      a.waitFor(d -> "offline".equals(a.find("#connection").getAttribute("data-state")));
      String missed = b.send("while you were away");
      b.awaitState(missed, "Sent");
      assertEquals(
          "offline", a.find("#connection").getAttribute("data-state"), "sent while ann was away");

      // back online, the page syncs (syncMessage) and shows the message once
      a.waitFor(d -> "online".equals(a.find("#connection").getAttribute("data-state")));
      assertEquals(missed, a.messageWithText("while you were away"));
      String marker = b.send("marker after the reconnect");
      a.messageWithText("marker after the reconnect");
      assertEquals(1, a.all(a.message(missed)).size(), "shown once");
      assertEquals(1, a.all(a.message(marker)).size(), "shown once");
    }
  }

  @Test
  void twoTabsOfOneUserStayInStep() throws Exception {
    try (Browser a = freshUserSignedIn("ann");
        Browser b = freshUserSignedIn("ben")) {
      String ann = a.user, ben = b.user;
      String firstTab = a.driver.getWindowHandle();
      seenByThePeer(a, b, "from the first tab");

      a.driver.switchTo().newWindow(WindowType.TAB);
      String secondTab = a.driver.getWindowHandle();
      a.open(TestEnvironment.userToken(ann));
      a.openConversation(ben);
      a.messageWithText("from the first tab");

      // sent in the second tab: shown in the first, with the server's answer
      a.driver.switchTo().window(secondTab);
      String fromSecond = a.send("from the second tab");
      a.driver.switchTo().window(firstTab);
      a.messageWithText("from the second tab");
      a.waitFor(d -> !a.text(a.message(fromSecond) + " .state").equals("Sending…"));
      b.messageWithText("from the second tab");

      // ben writes while both tabs are on the list; reading in one clears the badge in both
      a.click("#back");
      a.driver.switchTo().window(secondTab);
      a.click("#back");
      b.send("read me once");
      a.waitFor(d -> a.badge(ben).equals("1"));
      a.driver.switchTo().window(firstTab);
      a.waitFor(d -> a.badge(ben).equals("1"));
      a.openConversation(ben);
      a.messageWithText("read me once");
      a.driver.switchTo().window(secondTab);
      a.waitFor(d -> a.badge(ben).isEmpty());
    }
  }

  @Test
  void historyLoadsUpwardOnTheCursor() throws Exception {
    String ann = id("ann");
    String bo = id("bo");
    named(ann, "Ann Lee", bo, "Bo Chen");
    List<String> sent = new java.util.ArrayList<>();
    try (XmppClient phone = XmppClient.onlineAs(bo, "mobile")) {
      for (int i = 1; i <= 45; i++) {
        String msgId = Envelopes.newId();
        phone.send(Envelopes.text(bo, ann, msgId, "line " + i), "mobile");
        sent.add(msgId);
      }
      for (String msgId : sent) {
        assertEquals("ok", phone.awaitAnswer(msgId).path("result").asText());
      }
    }
    try (Browser a = Browser.signedIn(ann)) {
      // the newest page holds 30 of the 45 unread: the badge says there are more
      a.waitFor(d -> a.badge(bo).equals("30+"));
      assertTrue(a.text(a.conversation(bo)).contains("Bo Chen"));
      a.openConversation(bo);
      a.messageWithText("line 45");
      assertEquals(30, a.all("#messages li.msg.theirs").size());
      // scrolling to the top loads the page before the oldest shown (before_msg_id)
      a.script("document.getElementById('messages').scrollTop = 0");
      a.messageWithText("line 1");
      a.awaitText("#messages li.history-start", "Start of the conversation");
      @SuppressWarnings("unchecked")
      List<String> shown =
          (List<String>)
              a.script(
                  "return [...document.querySelectorAll('#messages li.msg.theirs')].map((l) => l.dataset.msgId)");
      assertEquals(sent, shown, "every message once, oldest first");
      a.waitFor(d -> a.badge(bo).isEmpty());
    }
  }

  @Test
  void clearingAHistoryNeedsThePeersConsent() throws Exception {
    try (Browser a = freshUserSignedIn("ann");
        Browser b = freshUserSignedIn("ben")) {
      String ann = a.user, ben = b.user;
      String doomed = seenByThePeer(a, b, "to be cleared");
      a.click("#clear-history");
      a.waitFor(d -> a.text("#messages li.card").startsWith("Waiting for"));
      b.waitFor(d -> !b.all("#messages li.card .agree").isEmpty());
      b.click("#messages li.card .agree");
      b.waitFor(d -> b.all("#messages li.msg").isEmpty());
      a.waitFor(d -> a.all("#messages li.msg").isEmpty() && a.all("#messages li.card").isEmpty());
      assertEquals(0, TestEnvironment.storedMessages(doomed));
    }
  }

  @Test
  void anApprovalNoticeShowsAsACard() throws Exception {
    try (Browser a = freshUserSignedIn("ann")) {
      String ann = a.user;
      // the company's approval system (the service role) sends the notice
      assertEquals(
          "ok",
          Http.postForm("approval", java.util.Map.of("msg_to", ann, "params", ApprovalIT.PARAMS))
              .result());
      a.waitFor(d -> a.badge("system").equals("1"));
      a.openConversation("system");
      a.waitFor(d -> a.text("#messages li.approval").contains("出差申请"));
      assertFalse(a.find("#compose").isDisplayed(), "nobody writes to the approval system");
      a.waitFor(d -> a.badge("system").isEmpty());
    }
  }

  @Test
  void groupsAreManagedFromThePage() throws Exception {
    String[] u = annBenAndCy();
    String ben = u[1], cy = u[2];
    try (Browser a = Browser.signedIn(u[0]);
        Browser b = Browser.signedIn(ben);
        Browser c = Browser.signedIn(cy)) {
      String group = createGroup(a, null, "Ann Lee,Ben Okafor", ben); // the server's default name

      a.click("#group-info");
      a.pickFromDirectory("#group-add", "#group-add-results", cy);
      assertEquals(cy + ", ", a.find("#group-add").getAttribute("value"));
      a.click("#group-panel form.add-member button[type=submit]");
      c.waitFor(d -> !c.all(c.conversation(group)).isEmpty());
      a.waitFor(d -> !a.all("#group-panel .members li[data-user-id='" + cy + "']").isEmpty());

      a.click("#group-panel .members li[data-user-id='" + ben + "'] .remove");
      b.openConversation(group);
      b.waitFor(d -> !b.all("#messages li.system[data-type='MTS-103']").isEmpty());
      b.waitFor(d -> b.find("#closed").isDisplayed() && !b.find("#compose").isDisplayed());

      a.find("#pubact-title").sendKeys("Kick-off");
      a.find("#pubact-content").sendKeys("Monday 10:00, room 4");
      a.click("#group-panel form.add-pubact button[type=submit]");
      a.waitFor(d -> a.text("#group-panel .pubacts").contains("Kick-off Monday 10:00, room 4"));
      // edit it (title and text), then delete it
      a.click("#group-panel .pubacts .edit-pubact");
      WebElement title = a.find("#pubact-edit-title");
      title.clear();
      title.sendKeys("Kick-off moved");
      WebElement text = a.find("#pubact-edit-content");
      text.clear();
      text.sendKeys("Tuesday 9:00, room 2");
      a.click("#group-panel form.edit-pubact button[type=submit]");
      a.waitFor(
          d -> a.text("#group-panel .pubacts").contains("Kick-off moved Tuesday 9:00, room 2"));
      assertEquals(
          "Tuesday 9:00, room 2",
          Http.get("findPubactList", java.util.Map.of("session_id", group))
              .json()
              .path("pubactList")
              .path(0)
              .path("content")
              .asText());
      a.click("#group-panel .pubacts .delete-pubact");
      a.waitFor(d -> a.all("#group-panel .pubacts li").isEmpty());
      assertEquals(
          0,
          Http.get("findPubactList", java.util.Map.of("session_id", group))
              .json()
              .path("pubactList")
              .size());

      a.click("#group-panel .dissolve");
      a.driver.switchTo().alert().accept();
      c.openConversation(group);
      c.waitFor(d -> !c.all("#messages li.system[data-type='MTS-107']").isEmpty());
      c.waitFor(d -> c.find("#closed").isDisplayed());
      a.waitFor(d -> a.text("#group-panel").contains("This group is closed."));
    }
  }

  @Test
  void refusalsAreShownAndNothingIsStored() throws Exception {
    String ann = id("ann");
    String nobody = id("nobody");
    TestEnvironment.knownUsers(ann);
    try (Browser a = Browser.signedIn(ann)) {
      a.startChat(nobody);
      String refused = a.send("anyone there?");
      a.awaitState(refused, "Not sent: no such user (error-013)");
      assertEquals(0, TestEnvironment.storedMessages(refused));
    }
  }

  @Test
  void anExpiredTokenLeadsBackToSignIn() throws Exception {
    try (Browser a = freshUserSignedIn("ann")) {
      String ann = a.user;
      // kept for the tab: a reload stays signed in
      a.driver.navigate().refresh();
      a.waitFor(d -> "online".equals(a.find("#connection").getAttribute("data-state")));
      a.click("#signout");
      a.waitFor(d -> a.find("#signin").isDisplayed());
      String shortLived =
          TestEnvironment.token(
              ann,
              List.of("user"),
              TestEnvironment.JWT_ISSUER,
              TestEnvironment.JWT_AUDIENCE,
              Instant.now().plusSeconds(4),
              TestEnvironment.JWT_SECRET);
      a.find("#token").sendKeys(shortLived);
      a.click("#signin-form button");
      a.waitFor(d -> "online".equals(a.find("#connection").getAttribute("data-state")));
      a.awaitText("#signin-message", "Your session has expired. Sign in again.");
      assertTrue(a.find("#signin").isDisplayed());
      assertEquals(null, a.script("return sessionStorage.getItem('tlim.token')"));
    }
  }

  @Test
  void thePageIsServedWithAPolicyWithoutInlineScript() throws Exception {
    HttpResponse<String> page = Http.page("/");
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
    assertTrue(page.body().contains("<script type=\"module\" src=\"js/app.js\"></script>"));
    assertFalse(page.body().matches("(?s).*<script>.*"), "no inline script");
    HttpResponse<String> module = Http.page("/js/app.js");
    assertEquals(200, module.statusCode());
    assertTrue(module.headers().firstValue("Content-Type").orElse("").contains("javascript"));
  }

  /**
   * A page and an XMPP client talk through the service alike; what the XMPP user writes is shown as
   * text.
   */
  @Test
  void aPageAndAnXmppClientTalk() throws Exception {
    TestEnvironment.knownUsers("dave", "bob");
    try (XmppClient bob = XmppClient.online("bob", "mobile");
        Browser dave = Browser.signedIn("dave")) {
      dave.startChat("bob");
      String sent = dave.send("hello from a browser");
      dave.waitFor(d -> !dave.text(dave.message(sent) + " .state").equals("Sending…"));
      XmppClient.Received atBob = bob.awaitMsgId(sent);
      assertEquals("dave", atBob.envelope().path("msg_from").asText());
      String reply = Envelopes.newId();
      bob.send(Envelopes.text("bob", "dave", reply, "<img src=x onerror=alert(1)> dave"), "mobile");
      assertEquals("ok", bob.awaitAnswer(reply).path("result").asText());
      dave.awaitText(dave.message(reply) + " .text", "<img src=x onerror=alert(1)> dave");
      assertTrue(dave.all(dave.message(reply) + " img").isEmpty(), "shown as text, not markup");
      assertTrue(dave.driver.findElements(By.cssSelector("#messages li.theirs")).size() >= 1);
    }
  }
}
