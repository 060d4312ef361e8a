package im.tlim.web.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import im.tlim.error.ErrorCode;
import org.junit.jupiter.api.Test;

class ContainerErrorFilterTest {

  @Test
  void containerErrorsGetTheCodeTheirStatusStandsFor() {
    assertEquals(ErrorCode.PARAMETER_INVALID, ContainerErrorFilter.codeFor(400));
    assertEquals(ErrorCode.PARAMETER_INVALID, ContainerErrorFilter.codeFor(406));
    assertEquals(ErrorCode.NOT_AUTHENTICATED, ContainerErrorFilter.codeFor(401));
    assertEquals(ErrorCode.TOO_LARGE, ContainerErrorFilter.codeFor(413));
    assertEquals(ErrorCode.INTERNAL, ContainerErrorFilter.codeFor(503));
  }
}
