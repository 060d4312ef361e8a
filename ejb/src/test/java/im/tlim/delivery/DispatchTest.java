package im.tlim.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchTest {

  private static final Dispatch STORED =
      new Dispatch(
              "{\"msg_id\":\"m1\"}",
              "web",
              List.of("bob", "carol"),
              true,
              null,
              null,
              new Dispatch.Stored("m1", "MTS-000", "alice", "g1", 7L))
          .echoingTo("alice", "phone");
  private static final Dispatch FORWARDED =
      Dispatch.to(List.of("alice"), "{\"msg_id\":\"r1\"}", null);

  @Test
  void aSingleDispatchIsWrittenAsAnObjectAndReadBackAsAListOfOne() {
    String json = Dispatch.listToJson(List.of(STORED));

    assertTrue(json.startsWith("{"), json);
    assertEquals(List.of(STORED), Dispatch.listFromJson(json));
  }

  @Test
  void severalDispatchesTravelAsAnArrayInTheirOrder() {
    String json = Dispatch.listToJson(List.of(FORWARDED, STORED, FORWARDED));

    assertTrue(json.startsWith("["), json);
    assertEquals(List.of(FORWARDED, STORED, FORWARDED), Dispatch.listFromJson(json));
  }

  @Test
  void anythingElseIsRefusedAsPoison() {
    for (String poison :
        new String[] {
          "", "not json", "[1,2]", "{\"envelope\":\"x\"}", "[{\"recipients\":[]}]", "[null]"
        }) {
      assertThrows(IllegalArgumentException.class, () -> Dispatch.listFromJson(poison), poison);
    }
  }
}
