-- Group announcements (pubact): written by members, changed by their author or the creator.
create sequence tlim_announcement_seq start with 50 increment by 50;

create table tlim_announcement (
    id          bigint        primary key,
    session_id  varchar(160)  not null references tlim_session (session_id),
    author      varchar(64)   not null,
    title       varchar(128)  not null,
    content     text          not null,
    ts          bigint        not null
);
create index ix_announcement_session on tlim_announcement (session_id, id);

-- Mobile push registrations (registerAppPushCode): one code per user.
create table tlim_push_registration (
    user_id          varchar(64)  primary key,
    registration_id  varchar(256) not null,
    updated_at       bigint       not null
);
