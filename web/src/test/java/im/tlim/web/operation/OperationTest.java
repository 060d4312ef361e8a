package im.tlim.web.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationTest {

  static final Parameter<String> SESSION_ID =
      Parameter.required("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
  static final Parameter<Integer> LENGTH = Parameter.integer("length", 20, 1, 1000);
  static final Operation FIRST = Operation.of("first", SESSION_ID, LENGTH);
  private static final Operation SECOND = Operation.of("second", LENGTH);
  static final String NOT_AN_OPERATION = "first";

  @Test
  void aParameterIsDeclaredOncePerOperation() {
    assertThrows(IllegalArgumentException.class, () -> Operation.of("x", LENGTH, LENGTH));
    assertThrows(
        IllegalArgumentException.class,
        () -> Operation.of("x", LENGTH, Parameter.optional("length", 3)));
  }

  @Test
  void readsMeansThisVeryDeclaration() {
    assertTrue(FIRST.reads(SESSION_ID));
    assertFalse(FIRST.reads(Parameter.required("session_id", ErrorCode.SESSION_ID_EMPTY, 64)));
    assertEquals(List.of(SESSION_ID, LENGTH), FIRST.parameters());
  }

  @Test
  void aClassDeclaresItsStaticOperationFields() {
    assertEquals(List.of(FIRST, SECOND), Operation.declaredIn(OperationTest.class));
  }
}
