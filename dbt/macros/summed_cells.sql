{#- Aggregates for one compared figure made of several printed cells (a group of rows of
    int_rule_cells or a model with its columns): how many cells (cell_count), whether any is
    withheld (** in the workbook: the comparison cannot be evaluated), their sum in yuan, the
    number of 万元 figures in it (wan_yuan_terms: the tolerance allows 50 yuan for each) and
    the cells themselves in row order (表5!B7,表5!B9) for the report. The five always go
    together, so that every side of every rule counts withheld cells, tolerance and cells
    shown the same way as the sum. `relation_alias` qualifies the columns in a join. -#}
{% macro summed_cells(relation_alias='') -%}
    {%- set p = relation_alias ~ '.' if relation_alias else '' -%}
    count(*) as cell_count,
    bool_or({{ p }}is_withheld) as is_withheld,
    sum({{ p }}amount_yuan) as amount_yuan,
    sum({{ p }}wan_yuan_terms) as wan_yuan_terms,
    string_agg({{ p }}cell_ref, ',' order by {{ p }}row_number) as cells
{%- endmacro %}
