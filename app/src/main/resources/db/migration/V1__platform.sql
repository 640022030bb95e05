-- Platform tables. Entity tables are not here: the schema sync derives them from metadata.

-- Runtime customizations (custom entities and custom attributes), replayed over the system definitions at start-up.
create table rapport_customization (
    customizationid uuid primary key,
    kind            varchar(16)      not null,
    entity          varchar(64)      not null,
    name            varchar(64)      not null,
    definition      varchar(1000000) not null,
    createdon       timestamp with time zone not null,
    createdby       uuid,
    constraint uk_rapport_customization unique (entity, name)
);

-- Grows with every customization; nodes compare it to pick up each other's changes.
create table rapport_metadata_revision (
    id       integer primary key,
    revision bigint not null
);
insert into rapport_metadata_revision (id, revision) values (1, 0);

-- Sign-in secrets, kept apart from the systemuser record so no query path can ever return them.
create table rapport_credential (
    systemuserid    uuid primary key,
    passwordhash    varchar(200) not null,
    failedattempts  integer not null default 0,
    lockeduntil     timestamp with time zone,
    isadministrator boolean not null default false,
    changedon       timestamp with time zone not null
);

-- Change history: one row per change of a record, one detail row per attribute changed.
create table rapport_audit (
    auditid     uuid primary key,
    entity      varchar(64) not null,
    recordid    uuid        not null,
    action      varchar(32) not null,
    userid      uuid,
    createdon   timestamp with time zone not null
);
create index ix_rapport_audit_record on rapport_audit (recordid, createdon);

create table rapport_audit_detail (
    auditid     uuid         not null,
    attribute   varchar(64)  not null,
    oldvalue    varchar(1000000),
    newvalue    varchar(1000000),
    constraint pk_rapport_audit_detail primary key (auditid, attribute),
    constraint fk_rapport_audit_detail foreign key (auditid) references rapport_audit (auditid) on delete cascade
);
create index ix_rapport_audit_detail_attribute on rapport_audit_detail (attribute);
