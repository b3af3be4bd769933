/* pythainlp's newmm word segmentation and TCC boundaries, step for step in C.
 *
 * The Python engine (pythainlp/tokenize/newmm.py, tcc_p.py) spends most of a born-digital
 * page's time in dictionary look-ups and regex calls made one character at a time. This is a
 * port of the same algorithm, not another segmenter: the same trie walk, the same graph of
 * TCC-aligned dictionary words with its size cut-off, the same breadth-first choice of path, the
 * same rules for text outside the dictionary. The TCC rules are not copied: normalizers/newmm.py
 * compiles pythainlp's own patterns (tcc_p._RE_TCC) into the small program run here.
 * tests/normalizers/test_newmm.py checks the tokens equal pythainlp's on every string the
 * pipeline segments in the dev and real PDFs and on random strings.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------- dictionary trie ---------- */

typedef struct {
    uint64_t *keys;   /* (parent node << 21 | character) + 1; 0 = empty slot */
    int32_t *children;
    size_t mask;
    uint8_t *end;     /* end[node]: a word ends at this node */
    int32_t nodes;
} Trie;

static inline size_t slot_of(uint64_t key, size_t mask) {
    return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
}

static inline int32_t trie_child(const Trie *t, int32_t node, Py_UCS4 ch) {
    uint64_t key = (((uint64_t)node << 21) | ch) + 1;
    size_t i = slot_of(key, t->mask);
    while (t->keys[i]) {
        if (t->keys[i] == key) return t->children[i];
        i = (i + 1) & t->mask;
    }
    return -1;
}

static int32_t trie_add_child(Trie *t, int32_t node, Py_UCS4 ch) {
    uint64_t key = (((uint64_t)node << 21) | ch) + 1;
    size_t i = slot_of(key, t->mask);
    while (t->keys[i]) {
        if (t->keys[i] == key) return t->children[i];
        i = (i + 1) & t->mask;
    }
    t->keys[i] = key;
    t->children[i] = t->nodes;
    return t->nodes++;
}

static void trie_free(Trie *t) {
    if (!t) return;
    PyMem_Free(t->keys);
    PyMem_Free(t->children);
    PyMem_Free(t->end);
    PyMem_Free(t);
}

static void trie_capsule_free(PyObject *capsule) {
    trie_free((Trie *)PyCapsule_GetPointer(capsule, "ita_extract.newmm.Trie"));
}

/* Trie(words): words already stripped as pythainlp's Trie.add strips them. */
static PyObject *make_trie(PyObject *self, PyObject *args) {
    PyObject *words;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &words)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(words), total = 1;
    for (Py_ssize_t w = 0; w < n; w++) {
        PyObject *word = PyList_GET_ITEM(words, w);
        if (!PyUnicode_Check(word)) {
            PyErr_SetString(PyExc_TypeError, "words must be str");
            return NULL;
        }
        total += PyUnicode_GET_LENGTH(word);
    }
    if (total >= (1 << 30)) {
        PyErr_SetString(PyExc_ValueError, "dictionary too large");
        return NULL;
    }
    Trie *t = PyMem_Calloc(1, sizeof(Trie));
    if (!t) return PyErr_NoMemory();
    size_t capacity = 1024;
    while (capacity < (size_t)total * 2) capacity <<= 1;
    t->mask = capacity - 1;
    t->keys = PyMem_Calloc(capacity, sizeof(uint64_t));
    t->children = PyMem_Calloc(capacity, sizeof(int32_t));
    t->end = PyMem_Calloc((size_t)total, 1);
    t->nodes = 1; /* the root */
    if (!t->keys || !t->children || !t->end) {
        trie_free(t);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t w = 0; w < n; w++) {
        PyObject *word = PyList_GET_ITEM(words, w);
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        int32_t node = 0;
        for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(word); i++)
            node = trie_add_child(t, node, PyUnicode_READ(kind, data, i));
        t->end[node] = 1;
    }
    PyObject *capsule = PyCapsule_New(t, "ita_extract.newmm.Trie", trie_capsule_free);
    if (!capsule) trie_free(t);
    return capsule;
}

/* ---------------------------------------------------------------- TCC program ------------- */

enum { N_CLASS, N_GROUP, N_LOOK, N_END };

typedef struct Node {
    int kind, optional;
    Py_UCS4 *ranges; int nranges;          /* N_CLASS: lo, hi pairs */
    struct Node **items; int nitems;       /* N_GROUP: a sequence */
    struct Node ***alts; int *altlen; int nalts;  /* N_LOOK: alternatives */
} Node;

typedef struct {
    Node ***alts; int *altlen; int nalts;  /* the pattern: alternatives tried in order */
} Program;

typedef struct { const Py_UCS4 *s; Py_ssize_t len; } Text;

typedef struct Cont { Node **items; int n, i; const struct Cont *next; } Cont;

static Py_ssize_t match_seq(Node **items, int n, int i, Py_ssize_t pos, const Text *t, const Cont *k);

static inline int in_class(const Node *nd, Py_UCS4 ch) {
    for (int r = 0; r < nd->nranges; r++)
        if (nd->ranges[2 * r] <= ch && ch <= nd->ranges[2 * r + 1]) return 1;
    return 0;
}

/* `$` without MULTILINE: the end, or just before a final newline. */
static inline int at_end(Py_ssize_t pos, const Text *t) {
    return pos == t->len || (pos == t->len - 1 && t->s[pos] == '\n');
}

static Py_ssize_t match_once(Node *nd, Node **items, int n, int i, Py_ssize_t pos, const Text *t,
                             const Cont *k) {
    switch (nd->kind) {
    case N_CLASS:
        if (pos < t->len && in_class(nd, t->s[pos])) return match_seq(items, n, i + 1, pos + 1, t, k);
        return -1;
    case N_END:
        return at_end(pos, t) ? match_seq(items, n, i + 1, pos, t, k) : -1;
    case N_GROUP: {
        Cont rest = {items, n, i + 1, k};
        return match_seq(nd->items, nd->nitems, 0, pos, t, &rest);
    }
    case N_LOOK:
        /* a lookahead is atomic: the first alternative that matches settles it */
        for (int a = 0; a < nd->nalts; a++)
            if (match_seq(nd->alts[a], nd->altlen[a], 0, pos, t, NULL) >= 0)
                return match_seq(items, n, i + 1, pos, t, k);
        return -1;
    }
    return -1;
}

static Py_ssize_t match_seq(Node **items, int n, int i, Py_ssize_t pos, const Text *t, const Cont *k) {
    if (i == n) return k ? match_seq(k->items, k->n, k->i, pos, t, k->next) : pos;
    Node *nd = items[i];
    Py_ssize_t end = match_once(nd, items, n, i, pos, t, k);
    if (end >= 0 || !nd->optional) return end;
    return match_seq(items, n, i + 1, pos, t, k); /* a greedy `?` tries without, second */
}

static void node_free(Node *nd);

static void seq_free(Node **items, int n) {
    if (!items) return;
    for (int i = 0; i < n; i++) node_free(items[i]);
    PyMem_Free(items);
}

static void node_free(Node *nd) {
    if (!nd) return;
    PyMem_Free(nd->ranges);
    seq_free(nd->items, nd->nitems);
    if (nd->alts) {
        for (int a = 0; a < nd->nalts; a++) seq_free(nd->alts[a], nd->altlen[a]);
        PyMem_Free(nd->alts);
        PyMem_Free(nd->altlen);
    }
    PyMem_Free(nd);
}

static Node *node_from(PyObject *spec);

static Node **seq_from(PyObject *seq, int *n) {
    if (!PyTuple_Check(seq)) {
        PyErr_SetString(PyExc_TypeError, "a sequence of the TCC program must be a tuple");
        return NULL;
    }
    *n = (int)PyTuple_GET_SIZE(seq);
    Node **items = PyMem_Calloc(*n ? *n : 1, sizeof(Node *));
    if (!items) return (Node **)PyErr_NoMemory();
    for (int i = 0; i < *n; i++) {
        items[i] = node_from(PyTuple_GET_ITEM(seq, i));
        if (!items[i]) {
            seq_free(items, i);
            return NULL;
        }
    }
    return items;
}

static int alts_from(PyObject *alts, Node ****out, int **lens, int *n) {
    if (!PyTuple_Check(alts)) {
        PyErr_SetString(PyExc_TypeError, "alternatives of the TCC program must be a tuple");
        return -1;
    }
    *n = (int)PyTuple_GET_SIZE(alts);
    *out = PyMem_Calloc(*n ? *n : 1, sizeof(Node **));
    *lens = PyMem_Calloc(*n ? *n : 1, sizeof(int));
    if (!*out || !*lens) {
        PyErr_NoMemory();
        return -1;
    }
    for (int a = 0; a < *n; a++) {
        (*out)[a] = seq_from(PyTuple_GET_ITEM(alts, a), &(*lens)[a]);
        if (!(*out)[a]) {
            *n = a;
            return -1;
        }
    }
    return 0;
}

/* ("class", optional, ((lo, hi), ...)) | ("group", optional, seq) | ("look", optional, alts)
 * | ("end", optional) */
static Node *node_from(PyObject *spec) {
    const char *kind;
    int optional;
    PyObject *body = NULL;
    if (!PyArg_ParseTuple(spec, "sp|O", &kind, &optional, &body)) return NULL;
    Node *nd = PyMem_Calloc(1, sizeof(Node));
    if (!nd) return (Node *)PyErr_NoMemory();
    nd->optional = optional;
    if (!strcmp(kind, "end")) {
        nd->kind = N_END;
    } else if (!strcmp(kind, "class") && body && PyTuple_Check(body)) {
        nd->kind = N_CLASS;
        nd->nranges = (int)PyTuple_GET_SIZE(body);
        nd->ranges = PyMem_Calloc(2 * (nd->nranges ? nd->nranges : 1), sizeof(Py_UCS4));
        if (!nd->ranges) {
            node_free(nd);
            return (Node *)PyErr_NoMemory();
        }
        for (int r = 0; r < nd->nranges; r++) {
            unsigned int lo, hi;
            if (!PyArg_ParseTuple(PyTuple_GET_ITEM(body, r), "II", &lo, &hi)) {
                node_free(nd);
                return NULL;
            }
            nd->ranges[2 * r] = lo;
            nd->ranges[2 * r + 1] = hi;
        }
    } else if (!strcmp(kind, "group") && body) {
        nd->kind = N_GROUP;
        nd->items = seq_from(body, &nd->nitems);
        if (!nd->items) {
            node_free(nd);
            return NULL;
        }
    } else if (!strcmp(kind, "look") && body) {
        nd->kind = N_LOOK;
        if (alts_from(body, &nd->alts, &nd->altlen, &nd->nalts) < 0) {
            node_free(nd);
            return NULL;
        }
    } else {
        node_free(nd);
        PyErr_Format(PyExc_ValueError, "unknown TCC program node %s", kind);
        return NULL;
    }
    return nd;
}

static void program_free(Program *p) {
    if (!p) return;
    if (p->alts) {
        for (int a = 0; a < p->nalts; a++) seq_free(p->alts[a], p->altlen[a]);
        PyMem_Free(p->alts);
        PyMem_Free(p->altlen);
    }
    PyMem_Free(p);
}

static void program_capsule_free(PyObject *capsule) {
    program_free((Program *)PyCapsule_GetPointer(capsule, "ita_extract.newmm.Program"));
}

static PyObject *make_program(PyObject *self, PyObject *args) {
    PyObject *alts;
    if (!PyArg_ParseTuple(args, "O!", &PyTuple_Type, &alts)) return NULL;
    Program *p = PyMem_Calloc(1, sizeof(Program));
    if (!p) return PyErr_NoMemory();
    if (alts_from(alts, &p->alts, &p->altlen, &p->nalts) < 0) {
        program_free(p);
        return NULL;
    }
    PyObject *capsule = PyCapsule_New(p, "ita_extract.newmm.Program", program_capsule_free);
    if (!capsule) program_free(p);
    return capsule;
}

/* The length of the TCC at `pos`, 1 when no rule matches (tcc_p.tcc). */
static Py_ssize_t tcc_length(const Program *p, const Text *t, Py_ssize_t pos) {
    for (int a = 0; a < p->nalts; a++) {
        Py_ssize_t end = match_seq(p->alts[a], p->altlen[a], 0, pos, t, NULL);
        if (end > pos) return end - pos;
    }
    return 1;
}

static void tcc_fill(const Program *p, const Text *t, uint8_t *valid) {
    Py_ssize_t pos = 0;
    memset(valid, 0, (size_t)t->len + 1);
    while (pos < t->len) {
        pos += tcc_length(p, t, pos);
        valid[pos] = 1;
    }
}

/* ---------------------------------------------------------------- newmm ------------------- */

#define MAX_GRAPH_SIZE 50

typedef struct {
    const Trie *trie;
    const Text *t;
    const uint8_t *valid;
    /* graph: per begin position a list of end positions in insertion order */
    int32_t *head, *tail, *edge_to, *edge_next, *touched;
    int32_t nedges, ntouched;
    /* the candidate break positions: a sorted set (pythainlp's heap never holds a duplicate) */
    int32_t *cands; uint8_t *is_cand; int32_t ncands;
    /* breadth-first search */
    int32_t *queue, *parent, *seen, stamp, *path;
} Work;

static void graph_clear(Work *w) {
    for (int32_t i = 0; i < w->ntouched; i++) w->head[w->touched[i]] = w->tail[w->touched[i]] = -1;
    w->ntouched = 0;
    w->nedges = 0;
}

static void graph_add(Work *w, int32_t from, int32_t to) {
    int32_t e = w->nedges++;
    w->edge_to[e] = to;
    w->edge_next[e] = -1;
    if (w->head[from] < 0) {
        w->head[from] = e;
        w->touched[w->ntouched++] = from;
    } else {
        w->edge_next[w->tail[from]] = e;
    }
    w->tail[from] = e;
}

static void cand_push(Work *w, int32_t pos) {
    int32_t i = w->ncands++;
    while (i > 0 && w->cands[i - 1] > pos) {
        w->cands[i] = w->cands[i - 1];
        i--;
    }
    w->cands[i] = pos;
    w->is_cand[pos] = 1;
}

static int32_t cand_pop(Work *w) {
    int32_t pos = w->cands[0];
    w->ncands--;
    memmove(w->cands, w->cands + 1, (size_t)w->ncands * sizeof(int32_t));
    w->is_cand[pos] = 0;
    return pos;
}

static int extend_graph(Work *w, int32_t begin, int graph_size) {
    const Trie *trie = w->trie;
    const Text *t = w->t;
    int32_t node = 0;
    for (Py_ssize_t i = begin; i < t->len; i++) {
        node = trie_child(trie, node, t->s[i]);
        if (node < 0) break;
        if (!trie->end[node]) continue;
        int32_t end = (int32_t)i + 1;
        if (w->valid[end]) {
            graph_add(w, begin, end);
            graph_size++;
            if (!w->is_cand[end]) cand_push(w, end);
            if (graph_size > MAX_GRAPH_SIZE) break;
        }
    }
    return graph_size;
}

static inline int is_latin(Py_UCS4 c) { return c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int is_other(Py_UCS4 c) {
    return !(c >= 0x0E00 && c <= 0x0E7F) && c != ' ' && c != '\t' && c != '\r' && c != '\n';
}

/* The end of newmm's _PAT_NONTHAI matched at `pos`, or -1. */
static Py_ssize_t nonthai_end(const Text *t, Py_ssize_t pos) {
    const Py_UCS4 *s = t->s;
    Py_ssize_t n = t->len, i = pos;
    if (pos >= n) return -1;
    Py_UCS4 c = s[pos];
    if (is_latin(c)) {
        while (i < n && is_latin(s[i])) i++;
        return i;
    }
    if (Py_UNICODE_ISDECIMAL(c)) {  /* \d+([,\.]\d+)* : `\d` is any Unicode decimal digit */
        while (i < n && Py_UNICODE_ISDECIMAL(s[i])) i++;
        while (i + 1 < n && (s[i] == ',' || s[i] == '.') && Py_UNICODE_ISDECIMAL(s[i + 1])) {
            i++;
            while (i < n && Py_UNICODE_ISDECIMAL(s[i])) i++;
        }
        return i;
    }
    if (c == ' ' || c == '\t') {
        while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
        return i;
    }
    if (c == '\n') return pos + 1;
    if (c == '\r') return (pos + 1 < n && s[pos + 1] == '\n') ? pos + 2 : -1;
    if (is_other(c)) {
        while (i < n && is_other(s[i])) i++;
        return i;
    }
    return -1;
}

/* _PAT_THAI_TWOCHARS `[ก-ฮ]{,2}$` matched against a word of the text */
static int two_consonants(const Py_UCS4 *s, Py_ssize_t len) {
    for (Py_ssize_t k = 0; k <= 2 && k <= len; k++) {
        if (k > 0 && !(s[k - 1] >= 0x0E01 && s[k - 1] <= 0x0E2E)) return 0;
        if (k == len || (k == len - 1 && s[k] == '\n')) return 1;
    }
    return 0;
}

static Py_ssize_t find_skip_end(Work *w, Py_ssize_t begin) {
    const Text *t = w->t;
    Py_ssize_t end = nonthai_end(t, begin);
    if (end >= 0) return end;
    for (Py_ssize_t pos = begin + 1; pos < t->len; pos++) {
        if (!w->valid[pos]) continue;
        int32_t node = 0;
        for (Py_ssize_t i = pos; i < t->len; i++) {
            node = trie_child(w->trie, node, t->s[i]);
            if (node < 0) break;
            if (w->trie->end[node] && w->valid[i + 1] && !two_consonants(t->s + pos, i + 1 - pos))
                return pos;
        }
        if (nonthai_end(t, pos) >= 0) return pos;
    }
    return t->len;
}

/* The path of _bfs_paths_graph's first answer from `start` to `goal`, into w->path; its length. */
static int32_t bfs_path(Work *w, int32_t start, int32_t goal) {
    int32_t first = 0, last = 0, found = -1;
    w->stamp++;
    w->queue[last++] = start;
    w->seen[start] = w->stamp;
    w->parent[start] = -1;
    while (first < last && found < 0) {
        int32_t vertex = w->queue[first++];
        for (int32_t e = w->head[vertex]; e >= 0; e = w->edge_next[e]) {
            int32_t pos = w->edge_to[e];
            if (pos == goal) {
                found = vertex;
                break;
            }
            if (w->seen[pos] != w->stamp) {
                w->seen[pos] = w->stamp;
                w->parent[pos] = vertex;
                w->queue[last++] = pos;
            }
        }
    }
    if (found < 0) return -1;
    int32_t n = 0;
    for (int32_t v = found; v >= 0; v = w->parent[v]) w->path[n++] = v;
    for (int32_t a = 0, b = n - 1; a < b; a++, b--) {
        int32_t tmp = w->path[a];
        w->path[a] = w->path[b];
        w->path[b] = tmp;
    }
    w->path[n++] = goal;
    return n;
}

static int append_token(PyObject *tokens, PyObject *text, Py_ssize_t a, Py_ssize_t b) {
    PyObject *token = PyUnicode_Substring(text, a, b);
    if (!token) return -1;
    int rc = PyList_Append(tokens, token);
    Py_DECREF(token);
    return rc;
}

static int onecut(Work *w, PyObject *text, PyObject *tokens) {
    Py_ssize_t len = w->t->len;
    int graph_size = 0;
    int32_t end_pos = 0;
    cand_push(w, 0);
    while (w->cands[0] < len) {
        int32_t begin = cand_pop(w);
        graph_size = extend_graph(w, begin, graph_size);
        if (w->ncands == 1) {
            int32_t n = bfs_path(w, end_pos, w->cands[0]);
            if (n < 0) {
                PyErr_SetString(PyExc_RuntimeError, "newmm: no path to the only candidate");
                return -1;
            }
            graph_size = 0;
            graph_clear(w);
            for (int32_t k = 1; k < n; k++) {
                if (append_token(tokens, text, end_pos, w->path[k]) < 0) return -1;
                end_pos = w->path[k];
            }
        } else if (w->ncands == 0) {
            end_pos = (int32_t)find_skip_end(w, begin);
            graph_size = 0;
            graph_clear(w);
            if (append_token(tokens, text, begin, end_pos) < 0) return -1;
            cand_push(w, end_pos);
        }
    }
    return 0;
}

/* segment(trie, program, text) -> list[str]: newmm.segment(text, trie), safe_mode off. */
static PyObject *segment(PyObject *self, PyObject *args) {
    PyObject *trie_capsule, *program_capsule, *text;
    if (!PyArg_ParseTuple(args, "OOU", &trie_capsule, &program_capsule, &text)) return NULL;
    const Trie *trie = PyCapsule_GetPointer(trie_capsule, "ita_extract.newmm.Trie");
    const Program *program = PyCapsule_GetPointer(program_capsule, "ita_extract.newmm.Program");
    if (!trie || !program) return NULL;
    PyObject *tokens = PyList_New(0);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (!tokens || len == 0) return tokens;
    if (len >= INT32_MAX - 2) {
        Py_DECREF(tokens);
        PyErr_SetString(PyExc_ValueError, "text too long");
        return NULL;
    }
    Py_UCS4 *s = PyUnicode_AsUCS4Copy(text);
    size_t n = (size_t)len + 2;
    /* edges: up to MAX_GRAPH_SIZE + 1 before the cut-off, then at most one per position */
    size_t edges = n + MAX_GRAPH_SIZE + 2;
    int32_t *ints = PyMem_Malloc((n * 8 + edges * 2) * sizeof(int32_t));
    uint8_t *bytes = PyMem_Calloc(n * 2, 1);
    if (!s || !ints || !bytes) {
        PyMem_Free(s);
        PyMem_Free(ints);
        PyMem_Free(bytes);
        Py_DECREF(tokens);
        return PyErr_NoMemory();
    }
    Text t = {s, len};
    Work w = {0};
    w.trie = trie;
    w.t = &t;
    w.valid = bytes;
    w.is_cand = bytes + n;
    w.head = ints;
    w.tail = ints + n;
    w.touched = ints + 2 * n;
    w.cands = ints + 3 * n;
    w.queue = ints + 4 * n;
    w.parent = ints + 5 * n;
    w.seen = ints + 6 * n;
    w.path = ints + 7 * n;
    w.edge_to = ints + 8 * n;
    w.edge_next = ints + 8 * n + edges;
    for (size_t i = 0; i < n; i++) {
        w.head[i] = w.tail[i] = -1;
        w.seen[i] = 0;
    }
    tcc_fill(program, &t, bytes);
    int rc = onecut(&w, text, tokens);
    PyMem_Free(s);
    PyMem_Free(ints);
    PyMem_Free(bytes);
    if (rc < 0) {
        Py_DECREF(tokens);
        return NULL;
    }
    return tokens;
}

/* tcc_ends(program, text) -> bytes: tcc_p.tcc_pos_array(text) */
static PyObject *tcc_ends(PyObject *self, PyObject *args) {
    PyObject *program_capsule, *text;
    if (!PyArg_ParseTuple(args, "OU", &program_capsule, &text)) return NULL;
    const Program *program = PyCapsule_GetPointer(program_capsule, "ita_extract.newmm.Program");
    if (!program) return NULL;
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *s = PyUnicode_AsUCS4Copy(text);
    if (!s) return NULL;
    PyObject *out = PyBytes_FromStringAndSize(NULL, len + 1);
    if (out) {
        Text t = {s, len};
        tcc_fill(program, &t, (uint8_t *)PyBytes_AS_STRING(out));
    }
    PyMem_Free(s);
    return out;
}

static PyMethodDef methods[] = {
    {"make_trie", make_trie, METH_VARARGS, "make_trie(words) -> the dictionary for segment()"},
    {"make_program", make_program, METH_VARARGS, "make_program(alternatives) -> the TCC rules for segment()"},
    {"segment", segment, METH_VARARGS, "segment(trie, program, text) -> newmm tokens"},
    {"tcc_ends", tcc_ends, METH_VARARGS, "tcc_ends(program, text) -> TCC boundary flags"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_newmm", NULL, -1, methods};

PyMODINIT_FUNC PyInit__newmm(void) { return PyModule_Create(&module); }
