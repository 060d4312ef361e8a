package im.tlim.envelope;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every msg_type of the protocol, with what the server does with it. */
public enum MsgType {
  TEXT("MTT-000", Route.DIRECT, "text"),
  IMAGE("MTT-001", Route.DIRECT, "file_id"),
  FILE("MTT-002", Route.DIRECT, "file_id"),
  VOICE("MTT-003", Route.DIRECT, "file_id"),
  READ("MTT-100", Route.RECEIPT, "msg_id"),
  RECALL("MTT-101", Route.RECALL, "msg_id"),
  SINGLE_SESSION_CREATED("MTT-102", Route.SERVER_ONLY, null),
  CLEAR_REQUEST("MTT-200", Route.CLEAR, null),
  CLEAR_ANSWER("MTT-201", Route.CLEAR, "status"),
  APPROVAL("MTB-000", Route.SERVER_ONLY, null),
  MOMENTS_FORWARD("MTB-001", Route.DIRECT, null),
  GROUP_TEXT("MTS-000", Route.GROUP, "text"),
  GROUP_IMAGE("MTS-001", Route.GROUP, "file_id"),
  GROUP_FILE("MTS-002", Route.GROUP, "file_id"),
  GROUP_VOICE("MTS-003", Route.GROUP, "file_id"),
  GROUP_READ("MTS-100", Route.RECEIPT, "msg_id"),
  GROUP_RECALL("MTS-101", Route.RECALL, "msg_id"),
  SESSION_RENAMED("MTS-102", Route.SERVER_ONLY, null),
  MEMBER_REMOVED("MTS-103", Route.SERVER_ONLY, null),
  MEMBER_QUIT("MTS-104", Route.SERVER_ONLY, null),
  SESSION_CREATED("MTS-105", Route.SERVER_ONLY, null),
  MEMBER_INVITED("MTS-106", Route.SERVER_ONLY, null),
  SESSION_DISSOLVED("MTS-107", Route.SERVER_ONLY, null),
  DELIVERED("MTC-000", Route.RECEIPT, "msg_id"),
  ANSWER("MTC-001", Route.SERVER_ONLY, null),
  FILE_DOWNLOAD("HFO-000", Route.HTTP_ONLY, null),
  FILE_UPLOAD("HFO-001", Route.HTTP_ONLY, null);

  /**
   * What the server does with an envelope of a type, and the checks that needs of the envelope
   * alone. What needs the database (is msg_to a user, is the sender a member) is checked where the
   * envelope is accepted.
   */
  public enum Route {
    /** stored, delivered to msg_to */
    DIRECT {
      @Override
      void check(Envelope envelope, String senderId) {
        requireOther(envelope.msgTo(), senderId, "msg_to must name another user");
      }
    },
    /** stored once, delivered to every other member of body.session_id */
    GROUP {
      @Override
      void check(Envelope envelope, String senderId) {
        String sessionId = envelope.bodyText("session_id");
        if (sessionId == null || sessionId.isBlank()) {
          throw new TlimException(ErrorCode.SESSION_ID_EMPTY, "body.session_id is missing");
        }
      }
    },
    /** marks delivered/read state and is forwarded to the original sender */
    RECEIPT,
    /** marks a message recalled and tells the other members */
    RECALL,
    /** 1:1 history clearing request and answer */
    CLEAR {
      @Override
      void check(Envelope envelope, String senderId) {
        requireOther(envelope.msgTo(), senderId, "msg_to must name the peer");
      }
    },
    /** only the server sends these; a client-sent one is refused */
    SERVER_ONLY {
      @Override
      void check(Envelope envelope, String senderId) {
        refuseFromClients(envelope);
      }
    },
    /** names an HTTP operation; never valid as an envelope */
    HTTP_ONLY {
      @Override
      void check(Envelope envelope, String senderId) {
        refuseFromClients(envelope);
      }
    };

    /** Nothing to check for a receipt or a recall: what they name is checked by their service. */
    void check(Envelope envelope, String senderId) {}

    private static void requireOther(String msgTo, String senderId, String detail) {
      if (msgTo.isBlank() || msgTo.equals(senderId)) {
        throw new TlimException(ErrorCode.FIELD_INVALID, detail);
      }
    }

    private static void refuseFromClients(Envelope envelope) {
      throw new TlimException(
          ErrorCode.SERVER_GENERATED, envelope.msgType().code() + " is not sent by clients");
    }
  }

  private static final Map<String, MsgType> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(t -> t.code, Function.identity()));

  private final String code;
  private final Route route;
  private final String requiredBodyField;

  MsgType(String code, Route route, String requiredBodyField) {
    this.code = code;
    this.route = route;
    this.requiredBodyField = requiredBodyField;
  }

  public static Optional<MsgType> fromCode(String code) {
    return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
  }

  /** The wire form, e.g. {@code MTT-000}. */
  public String code() {
    return code;
  }

  public Route route() {
    return route;
  }

  /**
   * Refuses a client's envelope of this type that is wrong in itself: a 1:1 message or a clearing
   * request to nobody or to the sender, a group message without body.session_id, a type only the
   * server sends.
   *
   * @param senderId who sent it
   * @throws TlimException with the code to answer (not yet naming the msg_id)
   */
  public void check(Envelope envelope, String senderId) {
    route.check(envelope, senderId);
  }

  /** The body field each element must carry as a non-empty string, or null. */
  public String requiredBodyField() {
    return requiredBodyField;
  }

  /** Whether each member's copy is addressed to that member (every group type, MTS-*). */
  public boolean addressedToEachMember() {
    return code.startsWith("MTS-");
  }

  /** Whether a client's envelope of this type is stored as a message of its own (1:1, group). */
  public boolean stores() {
    return route == Route.DIRECT || route == Route.GROUP;
  }

  /** Whether the body names an uploaded file. */
  public boolean carriesFile() {
    return "file_id".equals(requiredBodyField) && stores();
  }
}
