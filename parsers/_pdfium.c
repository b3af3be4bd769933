/* Loops over pdfium's C API that parsers/pdf.py would otherwise make through ctypes, one foreign
 * call per character or page object (a quarter of a born-digital page's time).
 *
 * pdfium itself is the one pypdfium2 loaded: parsers/pdf.py passes the addresses of its
 * functions and of the page or text page; nothing here links against pdfium. Each function does
 * exactly what its Python twin in parsers/pdf.py does (the twin runs when this is not built), and
 * tests/parsers/test_pdf.py checks the two agree on every dev and real PDF.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

typedef int (*GetCharBox)(void *textpage, int index, double *left, double *right, double *bottom,
                          double *top);
typedef int (*CountPageObjects)(void *page);
typedef void *(*GetPageObject)(void *page, int index);
typedef int (*CountFormObjects)(void *form);
typedef void *(*GetFormObject)(void *form, unsigned long index);
typedef int (*GetType)(void *object);
typedef int (*GetBounds)(void *object, float *left, float *bottom, float *right, float *top);

static void *address(PyObject *number) {
    void *pointer = PyLong_AsVoidPtr(number);
    if (!pointer && !PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "null address");
    return pointer;
}

static int skipped(Py_UCS4 ch, const Py_UCS4 *skip, Py_ssize_t nskip) {
    for (Py_ssize_t k = 0; k < nskip; k++)
        if (skip[k] == ch) return 1;
    return 0;
}

static PyObject *quad(double a, double b, double c, double d) {
    double v[4] = {a, b, c, d};
    PyObject *t = PyTuple_New(4);
    if (!t) return NULL;
    for (int i = 0; i < 4; i++) {
        PyObject *x = PyFloat_FromDouble(v[i]);
        if (!x) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, x);
    }
    return t;
}

/* char_boxes(get_char_box, textpage, text, skip, height) -> (boxes, centres, has_box, failed)
 * As flat buffers: boxes 4 doubles per character (left, top, right, bottom; top-down), centres 2
 * (x, y), has_box one byte; a character of `skip` or a glyph without extent has no box. failed is
 * -1, or the character pdfium gave no box for. */
static PyObject *char_boxes(PyObject *self, PyObject *args) {
    PyObject *fn_address, *page_address, *text, *skip_text;
    double height;
    if (!PyArg_ParseTuple(args, "OOUUd", &fn_address, &page_address, &text, &skip_text, &height))
        return NULL;
    GetCharBox get_box = (GetCharBox)address(fn_address);
    void *textpage = address(page_address);
    if (!get_box || !textpage) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), nskip = PyUnicode_GET_LENGTH(skip_text);
    Py_UCS4 *skip = PyUnicode_AsUCS4Copy(skip_text);
    PyObject *boxes = PyBytes_FromStringAndSize(NULL, n * 4 * (Py_ssize_t)sizeof(double));
    PyObject *centres = PyBytes_FromStringAndSize(NULL, n * 2 * (Py_ssize_t)sizeof(double));
    PyObject *has_box = PyBytes_FromStringAndSize(NULL, n);
    if (!skip || !boxes || !centres || !has_box) {
        PyMem_Free(skip);
        Py_XDECREF(boxes);
        Py_XDECREF(centres);
        Py_XDECREF(has_box);
        return NULL;
    }
    double *box = (double *)PyBytes_AS_STRING(boxes), *centre = (double *)PyBytes_AS_STRING(centres);
    char *has = PyBytes_AS_STRING(has_box);
    memset(box, 0, (size_t)n * 4 * sizeof(double));
    memset(centre, 0, (size_t)n * 2 * sizeof(double));
    memset(has, 0, (size_t)n);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t failed = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (skipped(PyUnicode_READ(kind, data, i), skip, nskip)) continue;
        double left, right, bottom, top;
        if (!get_box(textpage, (int)i, &left, &right, &bottom, &top)) {
            failed = i;
            break;
        }
        if (right > left || top > bottom) {
            double *b = box + 4 * i;
            b[0] = left, b[1] = height - top, b[2] = right, b[3] = height - bottom;
            centre[2 * i] = (left + right) / 2;
            centre[2 * i + 1] = height - (top + bottom) / 2;
            has[i] = 1;
        }
    }
    PyMem_Free(skip);
    return Py_BuildValue("NNNn", boxes, centres, has_box, failed);
}

typedef struct {
    CountPageObjects count_page;
    GetPageObject get_page;
    CountFormObjects count_form;
    GetFormObject get_form;
    GetType get_type;
    GetBounds get_bounds;
    int path, image, form, path_depth, image_depth;
    PyObject *paths;
    double image_area; /* the images' areas summed: a scan may come in strips */
    const char *failure; /* a path without bounds: fails the page only when its tables are wanted */
    const char *error;   /* fails the page now */
} Walk;

static int walk(Walk *w, void *parent, int level) {
    int count = level ? w->count_form(parent) : w->count_page(parent);
    if (count < 0) {
        w->error = "Failed to get number of pageobjects.";
        return 0;
    }
    for (int index = 0; index < count; index++) {
        void *object = level ? w->get_form(parent, (unsigned long)index) : w->get_page(parent, index);
        if (!object) {
            w->error = "Failed to get pageobject.";
            return 0;
        }
        int kind = w->get_type(object);
        if (kind == w->path || (kind == w->image && level < w->image_depth)) {
            float left, bottom, right, top;
            if (!w->get_bounds(object, &left, &bottom, &right, &top)) {
                if (kind == w->image) {
                    w->error = "Failed to locate pageobject.";
                    return 0;
                }
                if (!w->failure) w->failure = "Failed to locate pageobject.";
                continue;
            }
            if (kind == w->path) {
                PyObject *box = quad(left, bottom, right, top);
                if (!box || PyList_Append(w->paths, box) < 0) {
                    Py_XDECREF(box);
                    return -1;
                }
                Py_DECREF(box);
            } else {
                double area = ((double)right - (double)left) * ((double)top - (double)bottom);
                if (area > 0) w->image_area += area;
            }
        }
        if (kind == w->form && level < w->path_depth - 1) {
            int rc = walk(w, object, level + 1);
            if (rc <= 0) return rc;
        }
    }
    return 1;
}

/* page_objects(functions, page, (path, image, form), path_depth, image_depth)
 *   -> (paths, image_area, failure, error); functions are the addresses of
 * FPDFPage_CountObjects, FPDFPage_GetObject, FPDFFormObj_CountObjects, FPDFFormObj_GetObject,
 * FPDFPageObj_GetType, FPDFPageObj_GetBounds. */
static PyObject *page_objects(PyObject *self, PyObject *args) {
    PyObject *functions, *page_address;
    Walk w = {0};
    if (!PyArg_ParseTuple(args, "O!O(iii)ii", &PyTuple_Type, &functions, &page_address, &w.path,
                          &w.image, &w.form, &w.path_depth, &w.image_depth))
        return NULL;
    if (PyTuple_GET_SIZE(functions) != 6) {
        PyErr_SetString(PyExc_ValueError, "six pdfium functions expected");
        return NULL;
    }
    void *fn[6];
    for (int i = 0; i < 6; i++)
        if (!(fn[i] = address(PyTuple_GET_ITEM(functions, i)))) return NULL;
    void *page = address(page_address);
    if (!page) return NULL;
    w.count_page = (CountPageObjects)fn[0];
    w.get_page = (GetPageObject)fn[1];
    w.count_form = (CountFormObjects)fn[2];
    w.get_form = (GetFormObject)fn[3];
    w.get_type = (GetType)fn[4];
    w.get_bounds = (GetBounds)fn[5];
    w.paths = PyList_New(0);
    if (!w.paths) return NULL;
    if (walk(&w, page, 0) < 0) {
        Py_DECREF(w.paths);
        return NULL;
    }
    return Py_BuildValue("Ndzz", w.paths, w.image_area, w.failure, w.error);
}

/* ------------------------------------------------------------ characters to lines ------- */

typedef struct { Py_UCS4 ch; Py_ssize_t box; Py_ssize_t next; } Entry; /* box: char index, -1 none */
typedef struct { Py_ssize_t head, tail, previous_box; int made; } Buffer;

typedef struct {
    Entry *entries; Py_ssize_t nentries;
    Buffer *buffers; Py_ssize_t *made_order; Py_ssize_t nmade;
    const double *boxes; /* 4 per character: left, top, right, bottom */
} Assign;

static Buffer *buffer_of(Assign *a, Py_ssize_t target) {
    Buffer *b = &a->buffers[target];
    if (!b->made) {
        b->made = 1;
        b->head = b->tail = b->previous_box = -1;
        if (target > 0) a->made_order[a->nmade++] = target;
    }
    return b;
}

static void append(Assign *a, Buffer *b, Py_UCS4 ch, Py_ssize_t box) {
    Py_ssize_t e = a->nentries++;
    a->entries[e].ch = ch;
    a->entries[e].box = box;
    a->entries[e].next = -1;
    if (b->tail >= 0) a->entries[b->tail].next = e;
    else b->head = e;
    b->tail = e;
}

static int is_number_char(Py_UCS4 ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 0x0E50 && ch <= 0x0E59) || ch == '.' || ch == ',';
}

static PyObject *string_of(const Py_UCS4 *chars, Py_ssize_t n) {
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, n);
}

/* _prose_lines: (text, top, bottom, x0, x1) of each line that has text and a box */
static PyObject *prose_lines(Assign *a, Buffer *b, Py_UCS4 *scratch) {
    PyObject *lines = PyList_New(0);
    if (!lines) return NULL;
    Py_ssize_t n = 0, boxed = 0;
    double top = 0, bottom = 0, x0 = 0, x1 = 0;
    for (Py_ssize_t e = b->made ? b->head : -1;; e = a->entries[e].next) {
        Py_UCS4 ch = e >= 0 ? a->entries[e].ch : '\n';
        if (ch == '\n') {
            PyObject *raw = string_of(scratch, n), *text = raw ? PyObject_CallMethod(raw, "strip", NULL) : NULL;
            Py_XDECREF(raw);
            if (!text) goto fail;
            if (PyUnicode_GET_LENGTH(text) && boxed) {
                PyObject *line = Py_BuildValue("Ndddd", text, top, bottom, x0, x1);
                if (!line || PyList_Append(lines, line) < 0) {
                    Py_XDECREF(line);
                    goto fail;
                }
                Py_DECREF(line);
            } else {
                Py_DECREF(text);
            }
            n = boxed = 0;
            if (e < 0) break;
            continue;
        }
        scratch[n++] = ch;
        Py_ssize_t box = a->entries[e].box;
        if (box >= 0) {
            const double *v = a->boxes + 4 * box;
            if (!boxed) {
                x0 = v[0], top = v[1], x1 = v[2], bottom = v[3];
            } else {  /* min() and max() keep the first of equals, as Python's do */
                if (v[1] < top) top = v[1];
                if (v[3] > bottom) bottom = v[3];
                if (v[0] < x0) x0 = v[0];
                if (v[2] > x1) x1 = v[2];
            }
            boxed++;
        }
    }
    return lines;
fail:
    Py_DECREF(lines);
    return NULL;
}

/* _lines: (text, right edge) of each visual line of a cell */
static PyObject *cell_lines(Assign *a, Buffer *b, Py_UCS4 *scratch) {
    PyObject *lines = PyList_New(0);
    if (!lines) return NULL;
    Py_ssize_t n = 0;
    double right = 0.0;
    for (Py_ssize_t e = b->head;; e = a->entries[e].next) {
        Py_UCS4 ch = e >= 0 ? a->entries[e].ch : '\n';
        if (ch == '\n') {
            if (n) {
                PyObject *text = string_of(scratch, n);
                PyObject *line = text ? Py_BuildValue("Nd", text, right) : NULL;
                if (!line || PyList_Append(lines, line) < 0) {
                    Py_XDECREF(line);
                    Py_DECREF(lines);
                    return NULL;
                }
                Py_DECREF(line);
            }
            n = 0;
            right = 0.0;
            if (e < 0) break;
            continue;
        }
        scratch[n++] = ch;
        if (a->entries[e].box >= 0 && a->boxes[4 * a->entries[e].box + 2] > right)
            right = a->boxes[4 * a->entries[e].box + 2];
    }
    return lines;
}

static int is_latin_letter(Py_UCS4 ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

/* assign(text, boxes, has_box, cell_ids, cells, gap, digit_gap)
 *   -> (prose lines, [(cell id, lines), ...]); boxes and has_box as char_boxes gives them.
 * parsers/pdf.py's _assign_chars loop: each character to the prose or to the cell its box's centre
 * is in (cell_ids: int32 per character, -1 for prose; marks and boxless glyphs follow the last
 * target), a space where the text layer dropped one, a line break where pdfium gave one. */
static PyObject *assign(PyObject *self, PyObject *args) {
    PyObject *text, *result = NULL, *prose = NULL, *cells_out = NULL;
    Py_buffer box_buffer, has_buffer, ids;
    Py_ssize_t ncells;
    double gap, digit_gap;
    if (!PyArg_ParseTuple(args, "Uy*y*y*ndd", &text, &box_buffer, &has_buffer, &ids, &ncells, &gap, &digit_gap))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Assign a = {0};
    Py_UCS4 *chars = NULL, *scratch = NULL;
    if (box_buffer.len != n * 4 * (Py_ssize_t)sizeof(double) || has_buffer.len != n
        || ids.len != n * (Py_ssize_t)sizeof(int32_t)) {
        PyErr_SetString(PyExc_ValueError, "one box and one cell id per character");
        goto done;
    }
    const int32_t *cell_of = ids.buf;
    const char *has = has_buffer.buf;
    const double *boxes = box_buffer.buf;
    a.boxes = boxes;
    chars = PyUnicode_AsUCS4Copy(text);
    scratch = PyMem_Malloc((3 * n + 1) * sizeof(Py_UCS4));
    a.entries = PyMem_Malloc((3 * n + 1) * sizeof(Entry));
    a.buffers = PyMem_Calloc(ncells + 1, sizeof(Buffer));
    a.made_order = PyMem_Malloc((ncells + 1) * sizeof(Py_ssize_t));
    if (!chars || !scratch || !a.entries || !a.buffers || !a.made_order) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t target = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = chars[i];
        if (ch == '\r' || ch == '\n') {
            Buffer *b = buffer_of(&a, target);
            if (b->tail >= 0 && a.entries[b->tail].ch != '\n') append(&a, b, '\n', -1);
            b->previous_box = -1;
            continue;
        }
        int has_box = has[i];
        if (has_box) {
            target = cell_of[i] + 1;
            if (target < 0 || target > ncells) {
                PyErr_SetString(PyExc_ValueError, "cell id out of range");
                goto done;
            }
        }
        Buffer *b = buffer_of(&a, target);
        if (has_box && ch != ' ') {
            Py_ssize_t last = b->previous_box;
            const double *v = boxes + 4 * i;
            int in_number = b->tail >= 0 && is_number_char(a.entries[b->tail].ch) && is_number_char(ch);
            double width = in_number ? digit_gap : gap;
            if (last >= 0) {
                const double *l = boxes + 4 * last;
                double space = v[0] - l[2];
                /* inside a number or between two Latin letters, the taller glyph: a decimal point
                 * (`54.85`) or an x-height letter after a capital (the `n` of `Instagram`) must not
                 * make the gap beside it a lost space */
                Py_UCS4 before = b->tail >= 0 ? a.entries[b->tail].ch : 0;
                double tall = (in_number || (is_latin_letter(before) && is_latin_letter(ch)))
                    ? fmax(v[3] - v[1], l[3] - l[1]) : v[3] - v[1];
                if (space > 0 && space > width * tall && b->tail >= 0 && a.entries[b->tail].ch != ' '
                    && fabs(v[1] - l[1]) < v[3] - v[1])
                    append(&a, b, ' ', -1);
            }
            b->previous_box = i;
        }
        append(&a, b, ch, has_box ? i : -1);
    }
    prose = prose_lines(&a, &a.buffers[0], scratch);
    cells_out = PyList_New(0);
    if (!prose || !cells_out) goto done;
    for (Py_ssize_t k = 0; k < a.nmade; k++) {
        PyObject *lines = cell_lines(&a, &a.buffers[a.made_order[k]], scratch);
        PyObject *item = lines ? Py_BuildValue("nN", a.made_order[k] - 1, lines) : NULL;
        if (!item || PyList_Append(cells_out, item) < 0) {
            Py_XDECREF(item);
            goto done;
        }
        Py_DECREF(item);
    }
    result = PyTuple_Pack(2, prose, cells_out);
done:
    Py_XDECREF(prose);
    Py_XDECREF(cells_out);
    PyBuffer_Release(&box_buffer);
    PyBuffer_Release(&has_buffer);
    PyBuffer_Release(&ids);
    PyMem_Free(chars);
    PyMem_Free(scratch);
    PyMem_Free(a.entries);
    PyMem_Free(a.buffers);
    PyMem_Free(a.made_order);
    return result;
}

static PyMethodDef methods[] = {
    {"char_boxes", char_boxes, METH_VARARGS, "every character's box and centre, top-down"},
    {"assign", assign, METH_VARARGS, "characters to prose lines and cell lines"},
    {"page_objects", page_objects, METH_VARARGS, "line-art bounds and the images' area"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pdfium", NULL, -1, methods};

PyMODINIT_FUNC PyInit__pdfium(void) { return PyModule_Create(&module); }
