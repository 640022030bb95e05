-- Security: what each role may do, record shares, API tokens and shared HTTP sessions.

-- One row per role, entity and privilege: the depth at which the role grants it (User, BusinessUnit, ParentChild, Organization).
create table rapport_role_privilege (
    roleid     uuid        not null,
    entity     varchar(64) not null,
    privilege  varchar(16) not null,
    depth      varchar(16) not null,
    constraint pk_rapport_role_privilege primary key (roleid, entity, privilege)
);

-- Record shares (Dataverse's PrincipalObjectAccess): the rights a user or team was given on one record.
create table principalobjectaccess (
    principalobjectaccessid   uuid        primary key,
    objectid                  uuid        not null,
    objecttypecode            varchar(64) not null,
    principalid               uuid        not null,
    principaltypecode         varchar(16) not null,
    accessrightsmask          integer     not null default 0,
    inheritedaccessrightsmask integer     not null default 0,
    changedon                 timestamp with time zone not null,
    constraint uk_principalobjectaccess unique (objectid, principalid)
);
create index ix_principalobjectaccess_principal on principalobjectaccess (principalid, objecttypecode, objectid);

-- Personal API tokens: only a hash is stored; the token itself is shown once.
create table rapport_token (
    tokenid      uuid         primary key,
    systemuserid uuid         not null,
    name         varchar(100) not null,
    tokenhash    varchar(64)  not null,
    createdon    timestamp with time zone not null,
    lastusedon   timestamp with time zone,
    revokedon    timestamp with time zone,
    constraint uk_rapport_token_hash unique (tokenhash)
);
create index ix_rapport_token_user on rapport_token (systemuserid);

-- HTTP sessions shared by every node (Spring Session JDBC's schema).
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval integer      not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
