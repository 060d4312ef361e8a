-- Dead letters: JMS messages the broker gave up on after the configured delivery attempts, moved
-- here from the tlim.dead-letter queue (DeadLetterConsumer) so an operator can page through them
-- and redrive them (findDeadLetters, redriveDeadLetters). A row keeps what is needed to put the
-- message back on its queue: the queue, its properties (JSON object) and its text.
create sequence tlim_dead_letter_seq start with 50 increment by 50;

create table tlim_dead_letter (
    id               bigint        primary key,
    jms_message_id   varchar(128),
    original_queue   varchar(255)  not null,
    properties       text          not null,
    body             text,
    -- the first failure this server saw for the message, and when; null when it failed only
    -- before this server started
    reason           varchar(2000),
    first_failed_at  bigint,
    failures         integer       not null default 0,
    dead_at          bigint        not null
);
-- a dead letter delivered again (the service stopped between the insert's commit and the broker's
-- acknowledgement) is recognised by its message id and not kept twice
create index ix_dead_letter_jms_message_id on tlim_dead_letter (jms_message_id);
