package im.tlim.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserIdsTest {

  @Test
  void anIdMustBeALocalpartXmlCanCarry() {
    for (String bad :
        new String[] {"", "a b", "a:b", "a@b", "a/b", "\uFFFE", "x\uFFFF", "a\uD800", "tab\t"}) {
      assertFalse(UserIds.isAddressable(bad), bad);
    }
    for (String good : new String[] {"alice", "张三", "\uFFFDfuzz", "\uD83D\uDE00", "a.b-c_d"}) {
      assertTrue(UserIds.isAddressable(good), good);
    }
  }
}
