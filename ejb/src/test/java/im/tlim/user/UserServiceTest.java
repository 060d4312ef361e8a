package im.tlim.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UserServiceTest {

  @Test
  void aDirectoryPrefixMatchesItsCharactersLiterally() {
    assertNull(UserService.likePrefix(null));
    assertNull(UserService.likePrefix(""));
    assertEquals("ann%", UserService.likePrefix("Ann"));
    // LIKE's wildcards and the escape character itself stand for themselves
    assertEquals("a!%b!_c!!%", UserService.likePrefix("a%b_c!"));
    assertEquals("陈%", UserService.likePrefix("陈"));
  }
}
