package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The connector's API sits once in the EAR's lib, where the EJBs and the resource adapter both see
 * it; the RAR holds the adapter and Smack, not a second copy of the API (two copies would give the
 * adapter and the beans different classes of the same name). Reads the built EAR; no server.
 */
class EarLayoutIT {

  private static final String API_JAR = "lib/tlim-xmpp-connector-api.jar";
  private static final String API_PACKAGE = "im/tlim/xmpp/api/";

  @Test
  void theConnectorApiIsInTheLibOnceAndNotInTheRar() throws IOException {
    try (ZipFile ear = new ZipFile(System.getProperty("it.ear"))) {
      ZipEntry api = ear.getEntry(API_JAR);
      assertNotNull(api, "the EAR's lib holds the connector API");
      assertTrue(
          entries(ear.getInputStream(api)).contains(API_PACKAGE + "XmppMessageListener.class"));
      List<String> apiCopies =
          ear.stream()
              .map(ZipEntry::getName)
              .filter(n -> n.contains("xmpp-connector-api") || n.startsWith(API_PACKAGE))
              .toList();
      assertEquals(List.of(API_JAR), apiCopies, "one copy in the EAR");

      ZipEntry rar = ear.getEntry("tlim-xmpp-connector.rar");
      assertNotNull(rar, "the EAR holds the resource adapter");
      List<String> inRar = new ArrayList<>();
      try (ZipInputStream in = new ZipInputStream(ear.getInputStream(rar))) {
        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          inRar.add(e.getName());
          if (e.getName().endsWith(".jar")) {
            for (String name : entries(in)) {
              assertFalse(
                  name.startsWith(API_PACKAGE) && name.endsWith(".class"),
                  e.getName() + " in the RAR carries the API class " + name);
            }
          }
        }
      }
      assertTrue(inRar.contains("tlim-xmpp-connector.jar"), "the adapter's classes: " + inRar);
      assertTrue(
          inRar.stream().noneMatch(n -> n.contains("xmpp-connector-api")),
          "no API jar in the RAR: " + inRar);
    }
  }

  /** The entry names of a jar read from {@code in}, which is left open. */
  private static List<String> entries(InputStream in) throws IOException {
    List<String> names = new ArrayList<>();
    ZipInputStream jar = new ZipInputStream(in);
    for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
      names.add(e.getName());
    }
    return names;
  }
}
