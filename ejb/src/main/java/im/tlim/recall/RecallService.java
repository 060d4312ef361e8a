package im.tlim.recall;

import im.tlim.envelope.Envelope;
import im.tlim.envelope.MsgType;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.Accepted;
import im.tlim.message.ChatMessage;
import im.tlim.message.MessageStore;
import im.tlim.message.Sender;
import im.tlim.session.ChatSession;
import im.tlim.session.SessionRepository;
import im.tlim.settings.Settings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;

/** Recalls messages. */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class RecallService {

  @EJB private MessageStore store;
  @EJB private SessionRepository sessions;
  @Inject private Settings settings;

  public Accepted recall(Sender sender, Envelope recall) {
    if (store.isStored(recall.msgId())) {
      return new Accepted(recall.msgId(), true);
    }
    String targetId = recall.bodyText("msg_id");
    ChatMessage target = store.findByMsgId(targetId);
    if (target == null) {
      throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no message " + targetId);
    }
    if (recall.msgType() == MsgType.GROUP_RECALL
        && !target.getSessionId().equals(recall.bodyText("session_id"))) {
      throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no such message in that session");
    }
    if (!target.getMsgFrom().equals(sender.userId())) {
      throw new TlimException(ErrorCode.RECALL_NOT_SENDER, "only the sender may recall");
    }
    long age = System.currentTimeMillis() - target.getStoredAt();
    if (age > settings.recallWindow().toMillis()) {
      throw new TlimException(ErrorCode.RECALL_TOO_LATE, "sent " + age + " ms ago");
    }
    ChatSession session = sessions.lock(target.getSessionId());
    target.recall();
    // the notice is stored too, so members who are offline now learn of it from the offline store
    List<String> others =
        sessions.activeMemberIds(session.getSessionId()).stream()
            .filter(u -> !u.equals(sender.userId()))
            .toList();
    store.store(recall, session, others, !session.isPair(), sender.location(), sender.resource());
    return new Accepted(recall.msgId(), false);
  }
}
