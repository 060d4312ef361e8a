package im.tlim.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A redelivered dispatch must not send a page the same frame twice. */
class LiveConnectionsTest {

  @Test
  void eachPageGetsAFrameOnceWhateverTheRedeliveries() {
    LiveConnections pages = new LiveConnections();
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    Consumer<String> a = first::add;
    Consumer<String> b = second::add;
    pages.open("bob", a);
    pages.send("bob", "MTT-000/m1/bob", "one");
    pages.open("bob", b); // a second tab opens between the delivery and its redelivery
    pages.send("bob", "MTT-000/m1/bob", "one");
    pages.send("bob", "MTT-000/m2/bob", "two");
    assertEquals(List.of("one", "two"), first);
    assertEquals(List.of("one", "two"), second, "the new tab had not had m1 yet");
  }

  @Test
  void aClosedPageGetsNothing() {
    LiveConnections pages = new LiveConnections();
    List<String> got = new ArrayList<>();
    Consumer<String> sink = got::add;
    pages.open("bob", sink);
    pages.close("bob", sink);
    pages.send("bob", "MTT-000/m1/bob", "one");
    assertEquals(List.of(), got);
    assertEquals(false, pages.isConnected("bob"));
  }
}
