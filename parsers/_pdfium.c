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
#include <stdint.h>

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

static PyObject *pair(double a, double b) {
    PyObject *x = PyFloat_FromDouble(a), *y = PyFloat_FromDouble(b);
    if (!x || !y) {
        Py_XDECREF(x);
        Py_XDECREF(y);
        return NULL;
    }
    PyObject *t = PyTuple_Pack(2, x, y);
    Py_DECREF(x);
    Py_DECREF(y);
    return t;
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

/* char_boxes(get_char_box, textpage, text, skip, height) -> (boxes, centres, failed_index)
 * boxes[i] = (left, top, right, bottom) top-down, centres[i] = (x, y), None for characters in
 * `skip` and glyphs without extent; failed_index is -1, or the character pdfium gave no box. */
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
    PyObject *boxes = PyList_New(n), *centres = PyList_New(n);
    if (!skip || !boxes || !centres) goto fail;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t failed = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_INCREF(Py_None);
        PyList_SET_ITEM(boxes, i, Py_None);
        Py_INCREF(Py_None);
        PyList_SET_ITEM(centres, i, Py_None);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (skipped(PyUnicode_READ(kind, data, i), skip, nskip)) continue;
        double left, right, bottom, top;
        if (!get_box(textpage, (int)i, &left, &right, &bottom, &top)) {
            failed = i;
            break;
        }
        if (right > left || top > bottom) {
            PyObject *box = quad(left, height - top, right, height - bottom);
            PyObject *centre = pair((left + right) / 2, height - (top + bottom) / 2);
            if (!box || !centre) {
                Py_XDECREF(box);
                Py_XDECREF(centre);
                goto fail;
            }
            PyList_SetItem(boxes, i, box);
            PyList_SetItem(centres, i, centre);
        }
    }
    PyMem_Free(skip);
    return Py_BuildValue("NNn", boxes, centres, failed);
fail:
    PyMem_Free(skip);
    Py_XDECREF(boxes);
    Py_XDECREF(centres);
    return NULL;
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
    double largest_image;
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
                if (area > w->largest_image) w->largest_image = area;
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
 *   -> (paths, largest_image, failure, error); functions are the addresses of
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
    return Py_BuildValue("Ndzz", w.paths, w.largest_image, w.failure, w.error);
}

static PyMethodDef methods[] = {
    {"char_boxes", char_boxes, METH_VARARGS, "every character's box and centre, top-down"},
    {"page_objects", page_objects, METH_VARARGS, "line-art bounds and the largest image's area"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pdfium", NULL, -1, methods};

PyMODINIT_FUNC PyInit__pdfium(void) { return PyModule_Create(&module); }
