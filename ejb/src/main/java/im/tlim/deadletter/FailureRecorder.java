package im.tlim.deadletter;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import jakarta.jms.Message;

/**
 * Around the JMS consumers' {@code onMessage}: remembers why a message failed the first time, for
 * its dead letter should it come to that. Bound to the consumers in {@code META-INF/ejb-jar.xml},
 * so their code does not change.
 */
public class FailureRecorder {

  @Inject private FirstFailures failures;

  @AroundInvoke
  public Object record(InvocationContext invocation) throws Exception {
    Object[] parameters = invocation.getParameters();
    if (parameters == null
        || parameters.length != 1
        || !(parameters[0] instanceof Message message)) {
      return invocation.proceed();
    }
    Object result;
    try {
      result = invocation.proceed();
    } catch (Exception | Error e) {
      failures.failed(message, e);
      throw e;
    }
    failures.succeeded(message);
    return result;
  }
}
