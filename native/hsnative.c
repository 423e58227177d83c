/*
 * callshield.core.detection._hsnative: Hyperscan block-mode scanning with a native match
 * collector.
 *
 * The `hyperscan` wheel calls a Python function for every match: it re-acquires the GIL and
 * builds five Python objects per match, about 0.8 us each. A contact-center text gives a match
 * every 35-40 bytes, so that alone caps the multi-pattern stage near 30 MB/s. Here the match
 * callback is C: it appends (pattern id, end offset) to two growing arrays while the GIL is
 * released, and the two Python lists are built once, after the scan.
 *
 * Linked against the system libhs (Debian's libvectorscan-dev or libhyperscan-dev); built by
 * native/build.py. When it is absent, callshield uses the `hyperscan` wheel instead.
 * Licence: Apache-2.0, like the rest of callshield.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <hs/hs.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct {
    PyObject_HEAD
    hs_database_t *db;
    hs_scratch_t *prototype;
    unsigned char *word_end; /* per pattern: keep a match only where it ends on a \b */
} DatabaseObject;

typedef struct {
    PyObject_HEAD
    hs_scratch_t *scratch;
    PyObject *database; /* keeps the database alive as long as its scratch */
} ScratchObject;

static PyTypeObject DatabaseType;
static PyTypeObject ScratchType;

/* ------------------------------------------------------------------ collector */

typedef struct {
    const unsigned char *data;
    unsigned long long size;
    const unsigned char *word_end;
    unsigned int *ids;
    unsigned long long *ends;
    size_t len;
    size_t cap;
    int failed; /* out of memory: the scan was halted */
} Collector;

/* Hyperscan's \b without UCP: ASCII letters, digits and '_' are word characters. */
static int is_word(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *context)
{
    (void)from;
    (void)flags;
    Collector *c = (Collector *)context;
    if (c->word_end[id]) {
        int before = to > 0 && is_word(c->data[to - 1]);
        int after = to < c->size && is_word(c->data[to]);
        if (before == after) {
            return 0; /* not at a word boundary */
        }
    }
    if (c->len == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4096;
        unsigned int *ids = realloc(c->ids, cap * sizeof *ids);
        if (ids == NULL) {
            c->failed = 1;
            return 1;
        }
        c->ids = ids;
        unsigned long long *ends = realloc(c->ends, cap * sizeof *ends);
        if (ends == NULL) {
            c->failed = 1;
            return 1;
        }
        c->ends = ends;
        c->cap = cap;
    }
    c->ids[c->len] = id;
    c->ends[c->len] = to;
    c->len++;
    return 0;
}

static void collector_free(Collector *c)
{
    free(c->ids);
    free(c->ends);
}

/* ------------------------------------------------------------------ Scratch */

static void Scratch_dealloc(ScratchObject *self)
{
    if (self->scratch != NULL) {
        hs_free_scratch(self->scratch);
    }
    Py_XDECREF(self->database);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject ScratchType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "callshield.core.detection._hsnative.Scratch",
    .tp_basicsize = sizeof(ScratchObject),
    .tp_dealloc = (destructor)Scratch_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scratch space for one thread's scans of one Database (from Database.scratch()).",
};

/* ------------------------------------------------------------------ Database */

static void Database_dealloc(DatabaseObject *self)
{
    if (self->prototype != NULL) {
        hs_free_scratch(self->prototype);
    }
    if (self->db != NULL) {
        hs_free_database(self->db);
    }
    PyMem_Free(self->word_end);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Database_init(DatabaseObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"expressions", "flags", "word_end", "serialized", "ids", NULL};
    PyObject *oexprs = NULL, *oflags = NULL, *oword_end = NULL, *oserialized = NULL;
    PyObject *oids = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OOO|OO", kwlist, &oexprs, &oflags,
                                     &oword_end, &oserialized, &oids)) {
        return -1;
    }
    if (oids == Py_None) {
        oids = NULL;
    }
    if (oserialized == Py_None) {
        oserialized = NULL;
    }
    if (oserialized != NULL && !PyBytes_Check(oserialized)) {
        PyErr_SetString(PyExc_TypeError, "serialized must be bytes or None");
        return -1;
    }
    if (self->db != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Database is already compiled");
        return -1;
    }
    PyObject *exprs = PySequence_Fast(oexprs, "expressions must be a sequence of bytes");
    if (exprs == NULL) {
        return -1;
    }
    PyObject *flags = PySequence_Fast(oflags, "flags must be a sequence of ints");
    if (flags == NULL) {
        Py_DECREF(exprs);
        return -1;
    }
    PyObject *word_end = PySequence_Fast(oword_end, "word_end must be a sequence of bools");
    if (word_end == NULL) {
        Py_DECREF(exprs);
        Py_DECREF(flags);
        return -1;
    }
    PyObject *ids = NULL;
    if (oids != NULL) {
        ids = PySequence_Fast(oids, "ids must be a sequence of ints");
        if (ids == NULL) {
            Py_DECREF(exprs);
            Py_DECREF(flags);
            Py_DECREF(word_end);
            return -1;
        }
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(exprs);
    /* word_end is per pattern id; without ids, each expression is its own pattern */
    Py_ssize_t patterns = PySequence_Fast_GET_SIZE(word_end);
    int rc = -1;
    const char **c_exprs = NULL;
    unsigned int *c_flags = NULL, *c_ids = NULL;
    unsigned char *c_word_end = NULL;
    if (n == 0 || n != PySequence_Fast_GET_SIZE(flags) ||
        (ids == NULL ? n != patterns : n != PySequence_Fast_GET_SIZE(ids)) || patterns == 0) {
        PyErr_SetString(PyExc_ValueError,
                        "expressions, flags (and ids) must be non-empty and of one length, "
                        "word_end one per pattern id");
        goto done;
    }
    c_exprs = PyMem_Calloc((size_t)n, sizeof *c_exprs);
    c_flags = PyMem_Calloc((size_t)n, sizeof *c_flags);
    c_ids = PyMem_Calloc((size_t)n, sizeof *c_ids);
    c_word_end = PyMem_Calloc((size_t)patterns, sizeof *c_word_end);
    if (c_exprs == NULL || c_flags == NULL || c_ids == NULL || c_word_end == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < patterns; i++) {
        int bounded = PyObject_IsTrue(PySequence_Fast_GET_ITEM(word_end, i));
        if (bounded < 0) {
            goto done;
        }
        c_word_end[i] = (unsigned char)bounded;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PySequence_Fast_GET_ITEM(exprs, i);
        if (!PyBytes_Check(e)) {
            PyErr_SetString(PyExc_TypeError, "each expression must be bytes");
            goto done;
        }
        c_exprs[i] = PyBytes_AS_STRING(e);
        unsigned long f = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(flags, i));
        if (PyErr_Occurred()) {
            goto done;
        }
        c_flags[i] = (unsigned int)f;
        c_ids[i] = (unsigned int)i;
        if (ids != NULL) {
            Py_ssize_t id = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(ids, i));
            if (id == -1 && PyErr_Occurred()) {
                goto done;
            }
            if (id < 0 || id >= patterns) {
                PyErr_SetString(PyExc_ValueError, "each id must index word_end");
                goto done;
            }
            c_ids[i] = (unsigned int)id;
        }
    }
    hs_database_t *db = NULL;
    hs_compile_error_t *err = NULL;
    hs_error_t hs_err;
    if (oserialized != NULL) {
        /* a database serialized from the same expressions (the caller keys it by them): no
         * compile, which costs most of an engine's build */
        hs_err = hs_deserialize_database(PyBytes_AS_STRING(oserialized),
                                         (size_t)PyBytes_GET_SIZE(oserialized), &db);
        if (hs_err != HS_SUCCESS) {
            PyErr_Format(PyExc_ValueError, "serialized database not loaded (error %d)",
                         (int)hs_err);
            goto done;
        }
    } else {
        Py_BEGIN_ALLOW_THREADS
        hs_err = hs_compile_multi(c_exprs, c_flags, c_ids, (unsigned int)n, HS_MODE_BLOCK,
                                  NULL, &db, &err);
        Py_END_ALLOW_THREADS
    }
    if (hs_err != HS_SUCCESS) {
        /* the message names the failing expression's index, never the scanned text */
        PyErr_Format(PyExc_ValueError, "pattern %d: %s", err ? err->expression : -1,
                     err && err->message ? err->message : "compile failed");
        if (err != NULL) {
            hs_free_compile_error(err);
        }
        goto done;
    }
    hs_scratch_t *prototype = NULL;
    hs_err = hs_alloc_scratch(db, &prototype);
    if (hs_err != HS_SUCCESS) {
        hs_free_database(db);
        if (hs_err == HS_NOMEM) {
            PyErr_NoMemory();
        } else { /* e.g. a serialized database built for another CPU */
            PyErr_Format(PyExc_ValueError, "database not usable here (error %d)", (int)hs_err);
        }
        goto done;
    }
    self->db = db;
    self->prototype = prototype;
    self->word_end = c_word_end;
    c_word_end = NULL;
    rc = 0;
done:
    PyMem_Free(c_word_end);
    PyMem_Free(c_exprs);
    PyMem_Free(c_flags);
    PyMem_Free(c_ids);
    Py_DECREF(exprs);
    Py_DECREF(flags);
    Py_DECREF(word_end);
    Py_XDECREF(ids);
    return rc;
}

static PyObject *Database_scratch(DatabaseObject *self, PyObject *Py_UNUSED(ignored))
{
    if (self->db == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Database is not compiled");
        return NULL;
    }
    ScratchObject *s = PyObject_New(ScratchObject, &ScratchType);
    if (s == NULL) {
        return NULL;
    }
    s->scratch = NULL;
    s->database = NULL;
    if (hs_clone_scratch(self->prototype, &s->scratch) != HS_SUCCESS) {
        Py_DECREF(s);
        return PyErr_NoMemory();
    }
    Py_INCREF(self);
    s->database = (PyObject *)self;
    return (PyObject *)s;
}

/* A growing array of byte offsets. */
typedef struct {
    unsigned long long *at;
    size_t len;
    size_t cap;
} Offsets;

/* Append `value`. Returns 0, or -1 out of memory (the array as it was). */
static int offsets_push(Offsets *o, unsigned long long value)
{
    if (o->len == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 1024;
        unsigned long long *at = realloc(o->at, cap * sizeof *at);
        if (at == NULL) {
            return -1;
        }
        o->at = at;
        o->cap = cap;
    }
    o->at[o->len++] = value;
    return 0;
}

/* Byte offsets to code-point offsets, as `prefilter.ByteToChar` maps them: an offset less
 * the extra bytes of the characters that end at or before it. The extra bytes are the UTF-8
 * continuation bytes (10xxxxxx): their positions are gathered first, sixteen bytes at a time
 * (a contact-center text is mostly ASCII: a few accented names among megabytes), and a
 * cursor over them follows the offsets back as well as forth: Hyperscan reports matches
 * nearly in order of end offset (one pattern's late match may follow another's). An offset
 * inside a character does not count that character's continuation bytes before it.
 * Returns 0, or -1 out of memory (the offsets left as they were). */
static int utf8_offsets_to_chars(const unsigned char *data, unsigned long long size,
                                 unsigned long long *ends, size_t n)
{
    Offsets cont = {NULL, 0, 0}; /* where the continuation bytes lie, in order */
    unsigned long long i = 0;
#ifdef __SSE2__
    for (; i + 16 <= size; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(data + i));
        unsigned int high = (unsigned int)_mm_movemask_epi8(v); /* bytes >= 0x80 */
        if (high == 0) {
            continue;
        }
        /* continuation bytes: 10xxxxxx, i.e. high bit set and bit 6 clear */
        unsigned int bit6 = (unsigned int)_mm_movemask_epi8(_mm_slli_epi16(v, 1));
        for (unsigned int mask = high & ~bit6 & 0xFFFFu; mask; mask &= mask - 1) {
            if (offsets_push(&cont, i + (unsigned long long)__builtin_ctz(mask))) {
                free(cont.at);
                return -1;
            }
        }
    }
#endif
    for (; i < size; i++) {
        if ((data[i] & 0xC0) == 0x80 && offsets_push(&cont, i)) {
            free(cont.at);
            return -1;
        }
    }
    if (cont.len == 0) {
        return 0; /* ASCII: every byte a character */
    }
    size_t before = 0; /* continuation bytes before the offset at hand */
    for (size_t k = 0; k < n; k++) {
        unsigned long long target = ends[k];
        while (before > 0 && cont.at[before - 1] >= target) {
            before--;
        }
        while (before < cont.len && cont.at[before] < target) {
            before++;
        }
        unsigned long long extra = before;
        if (target < size && (data[target] & 0xC0) == 0x80) {
            /* inside a character: its continuation bytes before the offset are not extra */
            for (unsigned long long j = target; j > 0 && (data[j - 1] & 0xC0) == 0x80; j--) {
                extra--;
            }
        }
        ends[k] = target - extra;
    }
    free(cont.at);
    return 0;
}

/* Hyperscan's \s without UCP: space, \t, \n, \v, \f, \r. */
static int is_blank(unsigned char ch)
{
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* The data with each run of blanks read as its first blank, for the patterns whose words
 * stand one `\s` apart (`blank_runs`): "my  name\n   is" reads "my name\nis". A bounded
 * `\s{1,3}` between the words of a thousand cue phrases makes each an automaton Hyperscan runs
 * over every byte; one `\s` keeps each phrase a literal for its literal matcher (the phrase
 * triggers scan twice as fast).
 * The way back is one entry per run, not one per byte: `kept[r]` is where the r-th run's
 * first blank lies in the copy and `dropped[r]` how many blanks the copy has left out up to
 * the end of that run; a byte of the copy after `kept[r]` (and at or before the next run's) is
 * `dropped[r]` bytes further on in the data. */
typedef struct {
    unsigned char *copy; /* NULL where no two blanks stand together: the data is its reading */
    unsigned long long size;
    Offsets kept;    /* per run (their count is `kept.len`) */
    Offsets dropped; /* per run */
} Reading;

static void reading_free(Reading *r)
{
    free(r->copy);
    free(r->kept.at);
    free(r->dropped.at);
}

/* Drop the data's byte `at` (a blank after a blank) from the copy; `from` is the first byte
 * not yet copied. Returns 0, or -1 out of memory. */
static int drop_byte(Reading *r, const unsigned char *data, unsigned long long data_size,
                     unsigned long long *from, unsigned long long at)
{
    if (r->copy == NULL) {
        r->copy = malloc((size_t)data_size);
        if (r->copy == NULL) {
            return -1;
        }
    }
    size_t runs = r->kept.len;
    if (at == *from && runs > 0) { /* the run goes on */
        r->dropped.at[runs - 1]++;
        *from = at + 1;
        return 0;
    }
    memcpy(r->copy + r->size, data + *from, (size_t)(at - *from));
    r->size += at - *from;
    /* (the run's first blank is the byte just copied) */
    if (offsets_push(&r->kept, r->size - 1) ||
        offsets_push(&r->dropped, (runs ? r->dropped.at[runs - 1] : 0) + 1)) {
        return -1;
    }
    *from = at + 1;
    return 0;
}

#ifdef __SSE2__
/* Bit i set where p[i] is a blank, for 16 bytes. */
static unsigned int blank_mask16(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i space = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    __m128i t = _mm_sub_epi8(v, _mm_set1_epi8('\t')); /* \t..\r: 0..4, unsigned */
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(4)), t);
    return (unsigned int)_mm_movemask_epi8(_mm_or_si128(space, control));
}
#endif

/* Fills `r` (zeroed by the caller) with the reading of `data`. Returns 0, or -1 out of
 * memory. */
static int read_blank_runs(const unsigned char *data, unsigned long long size, Reading *r)
{
    unsigned long long from = 0, i = 1;
    if (size < 2) {
        return 0;
    }
#ifdef __SSE2__
    unsigned int carry = is_blank(data[0]); /* whether the byte before the block is blank */
    for (; i + 16 <= size; i += 16) {
        unsigned int mask = blank_mask16(data + i);
        unsigned int pairs = mask & ((mask << 1) | carry) & 0xFFFFu;
        carry = (mask >> 15) & 1u;
        while (pairs) {
            if (drop_byte(r, data, size, &from, i + (unsigned long long)__builtin_ctz(pairs))) {
                return -1;
            }
            pairs &= pairs - 1;
        }
    }
#endif
    for (; i < size; i++) {
        if (is_blank(data[i]) && is_blank(data[i - 1]) && drop_byte(r, data, size, &from, i)) {
            return -1;
        }
    }
    if (r->copy != NULL) {
        memcpy(r->copy + r->size, data + from, (size_t)(size - from));
        r->size += size - from;
    }
    return 0;
}

/* End offsets in the reading to end offsets in the data (the end of the byte each follows),
 * in place. A cursor over the runs moves back as well as forth: Hyperscan reports matches
 * nearly in order of end offset. */
static void reading_to_data(const Reading *r, unsigned long long *ends, size_t n)
{
    size_t run = 0; /* the runs whose first blank lies before the byte at hand */
    size_t runs = r->kept.len;
    for (size_t i = 0; i < n; i++) {
        if (ends[i] == 0) {
            continue;
        }
        unsigned long long byte = ends[i] - 1;
        while (run > 0 && r->kept.at[run - 1] >= byte) {
            run--;
        }
        while (run < runs && r->kept.at[run] < byte) {
            run++;
        }
        ends[i] = byte + (run ? r->dropped.at[run - 1] : 0) + 1;
    }
}

static PyObject *Database_scan(DatabaseObject *self, PyObject *args)
{
    Py_buffer view;
    PyObject *oscratch;
    int chars = 0, blank_runs = 0;
    if (!PyArg_ParseTuple(args, "y*O!|pp", &view, &ScratchType, &oscratch, &chars,
                          &blank_runs)) {
        return NULL;
    }
    ScratchObject *scratch = (ScratchObject *)oscratch;
    if (self->db == NULL || scratch->database != (PyObject *)self) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "the scratch belongs to another database");
        return NULL;
    }
    if ((unsigned long long)view.len > 0xFFFFFFFFULL) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "a block scan takes at most 4 GiB");
        return NULL;
    }
    const unsigned char *data = (const unsigned char *)view.buf;
    unsigned long long size = (unsigned long long)view.len;
    Reading reading = {NULL, 0, {NULL, 0, 0}, {NULL, 0, 0}};
    hs_error_t hs_err = HS_SUCCESS;
    Collector c = {data, size, self->word_end, NULL, NULL, 0, 0, 0};
    Py_BEGIN_ALLOW_THREADS
    if (blank_runs) {
        if (read_blank_runs(data, size, &reading)) {
            c.failed = 1;
        } else if (reading.copy != NULL) {
            /* (the word-end check reads the text the database matched) */
            c.data = reading.copy;
            c.size = reading.size;
        }
    }
    if (!c.failed) {
        hs_err = hs_scan(self->db, (const char *)c.data, (unsigned int)c.size, 0,
                         scratch->scratch, on_match, &c);
    }
    if (reading.copy != NULL && hs_err == HS_SUCCESS && !c.failed) {
        reading_to_data(&reading, c.ends, c.len);
    }
    reading_free(&reading);
    if (chars && hs_err == HS_SUCCESS && !c.failed &&
        utf8_offsets_to_chars((const unsigned char *)view.buf, (unsigned long long)view.len,
                              c.ends, c.len)) {
        c.failed = 1;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    if (c.failed) {
        collector_free(&c);
        return PyErr_NoMemory();
    }
    if (hs_err != HS_SUCCESS) {
        collector_free(&c);
        if (hs_err == HS_SCRATCH_IN_USE) {
            PyErr_SetString(PyExc_RuntimeError, "scratch in use by another thread");
        } else {
            PyErr_Format(PyExc_RuntimeError, "hs_scan failed (error %d)", (int)hs_err);
        }
        return NULL;
    }
    PyObject *ids = PyList_New((Py_ssize_t)c.len);
    PyObject *ends = PyList_New((Py_ssize_t)c.len);
    if (ids == NULL || ends == NULL) {
        goto fail;
    }
    for (size_t i = 0; i < c.len; i++) {
        PyObject *id = PyLong_FromUnsignedLong(c.ids[i]);
        if (id == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(ids, (Py_ssize_t)i, id);
        PyObject *end = PyLong_FromUnsignedLongLong(c.ends[i]);
        if (end == NULL) {
            goto fail;
        }
        PyList_SET_ITEM(ends, (Py_ssize_t)i, end);
    }
    collector_free(&c);
    PyObject *result = PyTuple_Pack(2, ids, ends);
    Py_DECREF(ids);
    Py_DECREF(ends);
    return result;
fail:
    collector_free(&c);
    Py_XDECREF(ids);
    Py_XDECREF(ends);
    return NULL;
}

static PyObject *Database_serialize(DatabaseObject *self, PyObject *Py_UNUSED(ignored))
{
    if (self->db == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Database is not compiled");
        return NULL;
    }
    char *bytes = NULL;
    size_t length = 0;
    if (hs_serialize_database(self->db, &bytes, &length) != HS_SUCCESS) {
        return PyErr_NoMemory();
    }
    PyObject *result = PyBytes_FromStringAndSize(bytes, (Py_ssize_t)length);
    free(bytes); /* allocated by libhs's default allocator, malloc */
    return result;
}

static PyMethodDef Database_methods[] = {
    {"serialize", (PyCFunction)Database_serialize, METH_NOARGS,
     "The compiled database as bytes, for Database(..., serialized=...) to load."},
    {"scratch", (PyCFunction)Database_scratch, METH_NOARGS,
     "A new scratch space for this database (one per thread)."},
    {"scan", (PyCFunction)Database_scan, METH_VARARGS,
     "scan(data, scratch, chars=False, blank_runs=False) -> (ids, ends): every match's "
     "pattern index and end offset, in the order Hyperscan reports them; the offsets are in "
     "bytes, or with `chars` in code points of the UTF-8 `data`. With `blank_runs` the "
     "database matches the data with each run of blanks read as its first blank (the offsets "
     "are still the data's)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject DatabaseType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "callshield.core.detection._hsnative.Database",
    .tp_basicsize = sizeof(DatabaseObject),
    .tp_dealloc = (destructor)Database_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Database(expressions, flags, word_end, serialized=None, ids=None): a "
              "Hyperscan block-mode database; pattern ids are the expressions' indices, or "
              "`ids` (one per expression: several expressions may report as one pattern, and "
              "Hyperscan reports a pattern once per end offset); `word_end` holds one flag per "
              "pattern id: such a pattern reports only matches that end on a word boundary "
              "(as a trailing \\b would). With `serialized` (from serialize(), for the same "
              "expressions) it is loaded, not compiled.",
    .tp_methods = Database_methods,
    .tp_init = (initproc)Database_init,
    .tp_new = PyType_GenericNew,
};

/* ------------------------------------------------------------------ module */

static PyObject *hs_version_py(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString(hs_version());
}

/* chars_at(data, offsets): `scan`'s mapping of byte offsets to characters, on its own (for
 * the tests, which check it against `prefilter.ByteToChar` on offsets in any order). */
static PyObject *chars_at_py(PyObject *Py_UNUSED(module), PyObject *args)
{
    Py_buffer view;
    PyObject *ooffsets;
    if (!PyArg_ParseTuple(args, "y*O", &view, &ooffsets)) {
        return NULL;
    }
    PyObject *offsets = PySequence_Fast(ooffsets, "offsets must be a sequence of ints");
    if (offsets == NULL) {
        PyBuffer_Release(&view);
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(offsets);
    unsigned long long *ends = PyMem_Calloc(n ? (size_t)n : 1, sizeof *ends);
    PyObject *result = NULL;
    if (ends == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        ends[i] = PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(offsets, i));
        if (PyErr_Occurred()) {
            goto done;
        }
        if (ends[i] > (unsigned long long)view.len) {
            PyErr_SetString(PyExc_ValueError, "an offset past the end of the data");
            goto done;
        }
    }
    if (utf8_offsets_to_chars((const unsigned char *)view.buf, (unsigned long long)view.len,
                              ends, (size_t)n)) {
        PyErr_NoMemory();
        goto done;
    }
    result = PyList_New(n);
    for (Py_ssize_t i = 0; result != NULL && i < n; i++) {
        PyObject *v = PyLong_FromUnsignedLongLong(ends[i]);
        if (v == NULL) {
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(result, i, v);
    }
done:
    PyMem_Free(ends);
    Py_DECREF(offsets);
    PyBuffer_Release(&view);
    return result;
}

static PyMethodDef module_methods[] = {
    {"version", hs_version_py, METH_NOARGS, "The linked libhs's version string."},
    {"chars_at", chars_at_py, METH_VARARGS,
     "chars_at(data, offsets) -> list: UTF-8 byte offsets as code-point offsets, as `scan` "
     "with `chars` maps them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "callshield.core.detection._hsnative",
    .m_doc = "Hyperscan block-mode scanning with a native match collector.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__hsnative(void)
{
    if (hs_valid_platform() != HS_SUCCESS) {
        PyErr_SetString(PyExc_ImportError, "this CPU cannot run the linked libhs");
        return NULL;
    }
    if (PyType_Ready(&DatabaseType) < 0 || PyType_Ready(&ScratchType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) {
        return NULL;
    }
    Py_INCREF(&DatabaseType);
    if (PyModule_AddObject(m, "Database", (PyObject *)&DatabaseType) < 0) {
        Py_DECREF(&DatabaseType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&ScratchType);
    if (PyModule_AddObject(m, "Scratch", (PyObject *)&ScratchType) < 0) {
        Py_DECREF(&ScratchType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
