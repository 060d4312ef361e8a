package im.tlim.envelope;

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

  /** What the server does with an envelope of a type. */
  public enum Route {
    /** stored, delivered to msg_to */
    DIRECT,
    /** stored once, delivered to every other member of body.session_id */
    GROUP,
    /** marks delivered/read state and is forwarded to the original sender */
    RECEIPT,
    /** marks a message recalled and tells the other members */
    RECALL,
    /** 1:1 history clearing request and answer */
    CLEAR,
    /** only the server sends these; a client-sent one is refused */
    SERVER_ONLY,
    /** names an HTTP operation; never valid as an envelope */
    HTTP_ONLY
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
