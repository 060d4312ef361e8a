package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (Debian's headless Chromium): a user connects, sends to an
 * XMPP user, and sees the reply arrive over the live channel.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebPageIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return TestEnvironment.ear();
  }

  @Test
  void chatFromThePage() throws Exception {
    TestEnvironment.knownUsers("dave", "bob");
    Path profile = Files.createTempDirectory("tlim-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    // offline machine: no sandbox as root, and no background calls to the network
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
    WebDriver browser = new ChromeDriver(service, options);
    try (XmppClient bob = XmppClient.online("bob", "mobile")) {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      browser.get(TestEnvironment.HTTP.resolve("/").toString());
      browser.findElement(By.id("me")).sendKeys("dave");
      browser.findElement(By.id("token")).sendKeys(TestEnvironment.token("dave", java.util.List.of("user")));
      browser.findElement(By.cssSelector("#login button")).click();
      wait.until(ExpectedConditions.textToBe(By.id("status"), "connected as dave"));

      browser.findElement(By.id("peer")).sendKeys("bob");
      browser.findElement(By.id("text")).sendKeys("hello from a browser");
      browser.findElement(By.cssSelector("#chat button[type=submit]")).click();
      wait.until(ExpectedConditions.textToBe(By.id("status"), "sent"));
      XmppClient.Received atBob = bob.await(
          r -> r.envelope().path("body").path(0).path("text").asText().equals("hello from a browser"),
          Duration.ofSeconds(20));
      assertEquals("dave", atBob.envelope().path("msg_from").asText());

      String reply = Envelopes.newId();
      bob.send(Envelopes.text("bob", "dave", reply, "<b>hi</b> dave"), "mobile");
      assertEquals("ok", bob.awaitAnswer(reply).path("result").asText());
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li[data-msg-id='" + reply + "']")));
      assertEquals("bob: <b>hi</b> dave",
          browser.findElement(By.cssSelector("li[data-msg-id='" + reply + "']")).getText(),
          "shown as text, not markup");
    } finally {
      browser.quit();
    }
  }
}
