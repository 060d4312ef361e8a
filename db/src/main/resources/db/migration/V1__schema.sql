-- Stored envelopes. One row per message, whatever the number of recipients.
-- conversation: the session id of a group, or 'p:<a>:<b>' (a < b) for a 1:1 pair.
-- msg_time: the sender's clock (epoch ms, as sent); stored_at: the server's.
-- ids come from a sequence the application reserves in blocks of 50 (one round trip per block)
-- (EclipseLink takes the value it gets as the end of a block, so the first is 50)
create sequence tlim_message_seq start with 50 increment by 50;

create table tlim_message (
    id          bigint       primary key,
    msg_id      varchar(64)  not null,
    conversation varchar(160) not null,
    msg_from    varchar(64)  not null,
    msg_to      varchar(64)  not null,
    msg_type    varchar(20)  not null,
    msg_time    bigint       not null,
    body        text         not null,
    recalled    boolean      not null default false,
    stored_at   bigint       not null,
    -- a resent envelope is stored once: the constraint, not a lookup, guarantees it
    constraint uq_message_msg_id unique (msg_id)
);

-- history pages: newest first within one conversation
create index ix_message_conversation on tlim_message (conversation, id);
