/* The floor for writing workbooks (make bench): libxlsxwriter writing CELLS cells, rows of
 * COLUMNS, in constant-memory mode with one Times New Roman format, a mix of numbers (three in
 * four) and short texts as a report has, and no logic around it.
 *
 *     xlsx_floor OUT.xlsx CELLS [COLUMNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s OUT.xlsx CELLS [COLUMNS]\n", argv[0]); return 64; }
    long cells = atol(argv[2]);
    int columns = argc > 3 ? atoi(argv[3]) : 35;
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *workbook = workbook_new_opt(argv[1], &options);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Floor");
    lxw_format *format = workbook_add_format(workbook);
    format_set_font_name(format, "Times New Roman");
    format_set_border(format, LXW_BORDER_THIN);
    char text[32];
    for (long i = 0; i < cells; i++) {
        lxw_row_t row = (lxw_row_t)(i / columns);
        lxw_col_t col = (lxw_col_t)(i % columns);
        if (i % 4 == 3) {
            snprintf(text, sizeof text, "Trường %ld", i % 9973);
            worksheet_write_string(sheet, row, col, text, format);
        } else {
            worksheet_write_number(sheet, row, col, (double)(i % 1000) / 7.0, format);
        }
    }
    return workbook_close(workbook) == LXW_NO_ERROR ? 0 : 1;
}
