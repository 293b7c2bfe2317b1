# Declarations for the compiled build (see _compiled.py): with this file beside model.py,
# Cython makes ParsedRow an extension type, its fields slots in a C struct. Python reads
# model.py alone; the two must list the same fields.
cdef class ParsedRow:
    cdef public object table_id, section, row_number, sheet, row_kind, code, code_level
    cdef public object label, label_raw, cell_ref, attributes, measures, figures
    cdef public object ref_heads, ref_tail, _amounts
