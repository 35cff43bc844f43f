#ifndef FC_XML_MEMORY_H
#define FC_XML_MEMORY_H

#include <stddef.h>

/*
 * The allocator factcheck hands libxml2 (xmlMemSetup): malloc underneath, with a cache of small
 * freed blocks per thread. Reading a workspace builds and frees thousands of small tree nodes
 * per document; through glibc's allocator alone, the first large request after each document's
 * tree is freed consolidates every freed node again (malloc_consolidate), a fifth of the time
 * spent. Blocks freed here are kept for the same thread's next document instead.
 *
 * Every block carries a 16-byte header, so these functions may only free and resize blocks they
 * allocated: install them before libxml2 allocates anything.
 */
void *fc_xml_malloc(size_t size);
void *fc_xml_realloc(void *block, size_t size);
void fc_xml_free_block(void *block);
char *fc_xml_strdup(const char *text);

/* Bytes held in the calling thread's cache (for tests). */
size_t fc_xml_cached_bytes(void);

#endif
