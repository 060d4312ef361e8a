package im.tlim.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeviceClassTest {

  @Test
  void locationWebWinsOverAMobileResource() {
    assertEquals(DeviceClass.WEB, DeviceClass.of("web", "android"));
    assertEquals(DeviceClass.WEB, DeviceClass.of("WEB", "ios"));
    assertEquals(DeviceClass.WEB, DeviceClass.of(" Web ", null));
  }

  @Test
  void mobileLocationsWinOverAWebResource() {
    assertEquals(DeviceClass.MOBILE, DeviceClass.of("mobile", "web-1"));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of("iOS", "web"));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of("ANDROID", "webclient"));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of("Mobile", "web"));
  }

  @Test
  void unknownLocationFallsBackToTheResource() {
    assertEquals(DeviceClass.WEB, DeviceClass.of("desktop", "web"));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of("desktop", "ios"));
  }

  @Test
  void resourceStartingWithWebIsWeb() {
    assertEquals(DeviceClass.WEB, DeviceClass.of(null, "web"));
    assertEquals(DeviceClass.WEB, DeviceClass.of(null, "web-3f2a"));
    assertEquals(DeviceClass.WEB, DeviceClass.of(null, "WebBrowser"));
  }

  @Test
  void iosAndAndroidResourcesAreMobile() {
    assertEquals(DeviceClass.MOBILE, DeviceClass.of(null, "ios"));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of(null, "android"));
  }

  @Test
  void nullOrOtherResourceIsMobile() {
    assertEquals(DeviceClass.MOBILE, DeviceClass.of(null, null));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of(null, ""));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of(null, "desktop"));
    assertEquals(DeviceClass.MOBILE, DeviceClass.of(null, "myweb"));
  }

  @Test
  void wireNamesAreLowerCase() {
    assertEquals("web", DeviceClass.WEB.wireName());
    assertEquals("mobile", DeviceClass.MOBILE.wireName());
  }
}
