-- A change's attributes are kept on its audit row, as Dataverse's audit.changedata: one JSON document instead of a
-- detail row per attribute. A create of a contact wrote ten or more detail rows (each with two index entries); now it
-- writes one row. Rows written before keep their details in rapport_audit_detail, which the history still reads.
alter table rapport_audit add column changedata text;
