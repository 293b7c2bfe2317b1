-- The raw schema of docs/data-contract.md, as the loader writes it.
create schema if not exists raw;
create table raw.departments(department_code varchar, department_name varchar, aliases varchar);
create table raw.load_runs(run_id varchar, started_at timestamp, raw_dir varchar);
create table raw.disclosure_files(file_path varchar, file_sha256 varchar, file_size bigint,
    department_code varchar, department_name varchar, fiscal_year integer,
    template_id varchar, status varchar, message varchar, seen_at timestamp);
create table raw.cover(file_sha256 varchar, department_name_raw varchar, secrecy_review varchar,
    head_signoff varchar, cell_ref varchar);
create table raw.catalogue(file_sha256 varchar, table_id varchar, listed_title varchar,
    is_empty boolean, empty_reason varchar, cell_ref varchar);
create table raw.disclosure_tables(file_sha256 varchar, table_id varchar, title varchar,
    title_raw varchar, fiscal_year integer, unit_text varchar, unit_multiplier integer,
    sheet varchar, title_cell_ref varchar, has_amounts boolean);
create table raw.table_rows(file_sha256 varchar, table_id varchar, section varchar,
    row_number integer, sheet varchar, row_kind varchar, code varchar, code_level integer,
    label varchar, label_raw varchar, cell_ref varchar);
create table raw.row_attributes(file_sha256 varchar, table_id varchar, section varchar,
    row_number integer, attribute varchar, value_text varchar, cell_ref varchar);
create table raw.amounts(file_sha256 varchar, table_id varchar, section varchar,
    row_number integer, measure varchar, value decimal(18,2), value_unit varchar,
    is_withheld boolean, is_blank boolean, raw_text varchar, unit_multiplier integer,
    cell_ref varchar);
