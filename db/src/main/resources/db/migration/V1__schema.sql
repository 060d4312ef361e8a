-- tlim's schema. Runs on PostgreSQL and on H2 in PostgreSQL mode (the local run).
-- Times are epoch milliseconds (bigint), never strings.

-- The user directory: filled by addUser and by first contact over XMPP.
create table tlim_user (
    user_id     varchar(64)  primary key,
    user_name   varchar(128) not null,
    acct_login  varchar(64),
    pic         varchar(512),
    removed     boolean      not null default false,
    created_at  bigint       not null
);

-- A conversation. session_type: 0 group, 1 approval, 2 returned, 99 a 1:1 pair, whose id is
-- 'p:<a>:<b>' (a < b). last_seq numbers its messages; message_count is the history's total.
create table tlim_session (
    session_id    varchar(160) primary key,
    session_type  integer      not null,
    session_name  varchar(128) not null,
    creator       varchar(64)  not null,   -- the wire's session_user (a reserved word in SQL)
    pic           varchar(512),
    create_time   bigint       not null,
    modify_time   bigint       not null,
    delete_time   bigint,
    valid         integer      not null default 0,
    last_seq      bigint       not null default 0,
    message_count bigint       not null default 0,
    -- a pair's pending MTT-200 (request to clear the history): who asked
    clear_requested_by varchar(64)
);

-- Members. read_seq is the member's read cursor (everything up to it is read), so a read
-- receipt is one row update whatever the size of the session. left_at is set when a member
-- leaves or is removed; former members keep reading the history up to then.
create table tlim_member (
    session_id  varchar(160) not null references tlim_session (session_id),
    user_id     varchar(64)  not null,
    joined_at   bigint       not null,
    left_at     bigint,
    read_seq    bigint       not null default 0,
    read_status integer      not null default 0,
    primary key (session_id, user_id)
);
create index ix_member_user on tlim_member (user_id);

-- Stored envelopes: one row per message, whatever the number of recipients.
-- msg_time: the sender's clock (as sent); stored_at: the server's.
-- ids come from a sequence the application reserves in blocks of 50 (one round trip a block;
-- EclipseLink takes the value it gets as the end of a block, so the first is 50).
create sequence tlim_message_seq start with 50 increment by 50;

create table tlim_message (
    id          bigint       primary key,
    msg_id      varchar(64)  not null,
    session_id  varchar(160) not null references tlim_session (session_id),
    seq         bigint       not null,
    msg_from    varchar(64)  not null,
    msg_to      varchar(64)  not null,
    msg_type    varchar(20)  not null,
    msg_time    bigint       not null,
    body        text         not null,
    recalled    boolean      not null default false,
    stored_at   bigint       not null,
    -- a resent envelope is stored once: the constraint, not a lookup, guarantees it
    constraint uq_message_msg_id unique (msg_id),
    -- history pages: newest first within one session, by index
    constraint uq_message_session_seq unique (session_id, seq)
);

-- Copies not yet acknowledged by the recipient's mobile device (the offline store).
-- web_got: the web client acknowledged it (getOffline's recv = 1).
create table tlim_inbox (
    user_id     varchar(64)  not null,
    message_id  bigint       not null references tlim_message (id),
    web_got     boolean      not null default false,
    primary key (user_id, message_id)
);
