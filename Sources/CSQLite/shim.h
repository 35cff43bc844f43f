#ifndef FACTCHECK_CSQLITE_SHIM_H
#define FACTCHECK_CSQLITE_SHIM_H

#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot import: text bound
   with it is copied by SQLite before the call returns. */
static inline sqlite3_destructor_type fc_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

#endif
