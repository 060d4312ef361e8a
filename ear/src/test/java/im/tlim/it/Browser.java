package im.tlim.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user's browser on the web client: Debian's headless Chromium through its chromedriver, signed
 * in with the user's own token handed over in the URL fragment, as an intranet would.
 */
final class Browser implements AutoCloseable {

  final String user;
  final ChromeDriver driver;
  final Path downloads;
  private final WebDriverWait wait;

  private Browser(String user) throws Exception {
    this.user = user;
    Path profile = Files.createTempDirectory("tlim-chromium");
    downloads = Files.createTempDirectory("tlim-downloads");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    // offline machine: no sandbox as root, and no background calls to the network
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,800",
        "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    driver = new ChromeDriver(service, options);
    // the page redraws lists as envelopes arrive: an element found a moment ago may be replaced
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** A browser signed in as {@code user} with a fresh token, its page online. */
  static Browser signedIn(String user) throws Exception {
    Browser browser = new Browser(user);
    try {
      browser.open(TestEnvironment.userToken(user));
      return browser;
    } catch (RuntimeException | Error e) {
      browser.close();
      throw e;
    }
  }

  /** Opens the client with a token in the fragment and waits until its socket is online. */
  void open(String token) {
    driver.get(TestEnvironment.HTTP.resolve("/#token=" + token).toString());
    waitFor(d -> "online".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
  }

  <T> T waitFor(Function<WebDriver, T> condition) {
    try {
      return wait.until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError(user + "'s page did not get there; it shows:\n" + shows(), e);
    }
  }

  /** What the page shows and what its console said, for a failing test's report. */
  private String shows() {
    StringBuilder out = new StringBuilder();
    try {
      Object text = script("return document.body.innerText");
      out.append(String.valueOf(text), 0, Math.min(3000, String.valueOf(text).length()));
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        out.append("\nconsole: ").append(entry.getLevel()).append(' ').append(entry.getMessage());
      }
    } catch (RuntimeException e) {
      out.append("(could not read the page: ").append(e).append(')');
    }
    return out.toString();
  }

  /** The element, once it is there (the page draws some parts after an API answer). */
  WebElement find(String css) {
    return waitFor(d -> d.findElement(By.cssSelector(css)));
  }

  /** Clicks the element, finding it again if the page redrew it meanwhile. */
  void click(String css) {
    waitFor(
        d -> {
          find(css).click();
          return true;
        });
  }

  /** The element's text as shown, read in one step (no stale element in between). */
  String text(String css) {
    return waitFor(
        d ->
            (String)
                script(
                    "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
                    css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** The list entry of a conversation (a group's session_id or the peer's id). */
  String conversation(String key) {
    return "button.conv[data-key='" + key + "']";
  }

  /** The unread badge of a conversation, "" when none. */
  String badge(String key) {
    List<WebElement> badges = all(conversation(key) + " .badge");
    return badges.isEmpty() ? "" : badges.get(0).getText();
  }

  void openConversation(String key) {
    waitFor(d -> !all(conversation(key)).isEmpty());
    click(conversation(key));
    waitFor(d -> find("#conversation-pane").isDisplayed());
  }

  void startChat(String peer) {
    find("#new-chat-id").sendKeys(peer);
    click("#new-chat button[type=submit]");
    waitFor(d -> find("#conversation-pane").isDisplayed());
  }

  /** Starts a 1:1 chat by searching the directory for the peer's id and picking them. */
  void startChatFromDirectory(String peer) {
    find("#new-chat-id").sendKeys(peer);
    click(person("#new-chat-results", peer));
    waitFor(d -> find("#conversation-pane").isDisplayed());
  }

  /** Types a user's id into a directory search box and picks them from its matches. */
  void pickFromDirectory(String input, String results, String userId) {
    find(input).sendKeys(userId);
    click(person(results, userId));
  }

  private static String person(String results, String userId) {
    return results + " button.person[data-user-id='" + userId + "']";
  }

  /** Presses keys as a keyboard would, wherever the focus is. */
  void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /** Whether the focused element matches the selector and shows the focus ring. */
  boolean focusedWithRing(String css) {
    return (Boolean)
        script(
            "const e = document.activeElement;"
                + "if (!e || !e.matches(arguments[0])) return false;"
                + "const s = getComputedStyle(e.matches('#file') ? e.nextElementSibling : e);"
                + "return s.outlineStyle === 'solid' && parseFloat(s.outlineWidth) >= 2;",
            css);
  }

  /** Types and sends a message in the open conversation; answers its msg_id. */
  String send(String text) {
    find("#text").sendKeys(text);
    click("#send");
    return waitFor(
        d ->
            (String)
                script(
                    "const t = arguments[0];"
                        + "const li = [...document.querySelectorAll('#messages li.mine')].reverse()"
                        + ".find((l) => l.querySelector('.text') && l.querySelector('.text').textContent === t);"
                        + "return li ? li.dataset.msgId : null;",
                    text));
  }

  /** The msg_id of the message with this text in the open conversation, once it is shown. */
  String messageWithText(String text) {
    return waitFor(
        d ->
            (String)
                script(
                    "const t = arguments[0];"
                        + "const li = [...document.querySelectorAll('#messages li.msg')]"
                        + ".find((l) => l.querySelector('.text') && l.querySelector('.text').textContent === t);"
                        + "return li ? li.dataset.msgId : null;",
                    text));
  }

  String message(String msgId) {
    return "#messages li[data-msg-id='" + msgId + "']";
  }

  /** Waits until the message's state line reads {@code state}. */
  void awaitState(String msgId, String state) {
    waitFor(
        d -> {
          List<WebElement> s = all(message(msgId) + " .state");
          return !s.isEmpty() && s.get(0).getText().equals(state);
        });
  }

  void awaitText(String css, String text) {
    waitFor(
        d -> {
          List<WebElement> found = all(css);
          return !found.isEmpty() && found.get(0).getText().equals(text);
        });
  }

  /** A screenshot into docs/screenshots (the README shows them), at the given width. */
  void screenshot(String name, int width, int height) throws Exception {
    driver.manage().window().setSize(new Dimension(width, height));
    Thread.sleep(300); // let the layout settle at the new size
    Path dir = Path.of(System.getProperty("it.screenshots.dir", "../docs/screenshots"));
    Files.createDirectories(dir);
    Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    driver.manage().window().setSize(new Dimension(1280, 800));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
