-- The system entities whose default-role privileges an organization has been given. The first start grants them for
-- every entity and records each here; a later version that ships a new system entity (e.g. transactioncurrency) finds
-- it missing at start-up and grants the default roles' privileges on it once, so an existing database gets them too
-- without re-granting what an administrator has since taken away.
create table rapport_seeded_entity (
    entity varchar(64) primary key
);

-- The system entities of the versions before this table existed: their privileges were granted at the first start.
insert into rapport_seeded_entity (entity) values
    ('account'), ('activityparty'), ('annotation'), ('appointment'), ('asyncoperation'), ('businessunit'), ('connection'),
    ('connectionrole'), ('connectionroleassociation'), ('contact'), ('duplicaterecord'), ('duplicaterule'),
    ('duplicaterulecondition'), ('email'), ('fax'), ('fieldpermission'), ('fieldsecurityprofile'), ('letter'),
    ('phonecall'), ('role'), ('savedquery'), ('systemuser'), ('systemuserprofiles'), ('systemuserroles'), ('task'),
    ('team'), ('teammembership'), ('teamprofiles'), ('teamroles'), ('userquery');
