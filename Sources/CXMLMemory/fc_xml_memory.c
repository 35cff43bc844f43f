#include "fc_xml_memory.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Blocks of up to 512 bytes come in 32 classes, 16 bytes apart; larger ones go to malloc as they are. */
enum {
    HEADER = 16,
    STEP = 16,
    CLASSES = 32,
    SMALL_LIMIT = CLASSES * STEP,
    LARGE = 0xFFFF,
    MAGIC = 0x66634D45, /* "fcME" */
};

/* How much a thread keeps for later: beyond this, freed blocks go back to malloc. */
#define CACHE_LIMIT ((size_t)8 << 20)

typedef struct {
    uint32_t class_index;
    uint32_t magic;
    uint64_t unused;
} header;

typedef struct cached_block {
    struct cached_block *next;
} cached_block;

typedef struct {
    cached_block *free_lists[CLASSES];
    size_t bytes;
} thread_cache;

static __thread thread_cache *current;
static pthread_key_t cache_key;
static pthread_once_t cache_key_once = PTHREAD_ONCE_INIT;

static void release_cache(void *value) {
    thread_cache *cache = value;
    for (int index = 0; index < CLASSES; index++) {
        cached_block *block = cache->free_lists[index];
        while (block != NULL) {
            cached_block *next = block->next;
            free((char *)block - HEADER);
            block = next;
        }
    }
    free(cache);
    current = NULL;
}

static void create_key(void) {
    pthread_key_create(&cache_key, release_cache);
}

/* The calling thread's cache, made on first use; NULL if there is no memory for one. */
static thread_cache *cache_of_this_thread(void) {
    if (current == NULL) {
        pthread_once(&cache_key_once, create_key);
        thread_cache *cache = calloc(1, sizeof(thread_cache));
        if (cache == NULL || pthread_setspecific(cache_key, cache) != 0) {
            free(cache);
            return NULL;
        }
        current = cache;
    }
    return current;
}

static size_t capacity_of_class(uint32_t class_index) {
    return ((size_t)class_index + 1) * STEP;
}

static header *header_of(void *block) {
    return (header *)((char *)block - HEADER);
}

static void *with_header(void *memory, uint32_t class_index) {
    if (memory == NULL) return NULL;
    header *head = memory;
    head->class_index = class_index;
    head->magic = MAGIC;
    head->unused = 0;
    return (char *)memory + HEADER;
}

void *fc_xml_malloc(size_t size) {
    if (size == 0) size = 1;
    if (size > SMALL_LIMIT) {
        if (size > SIZE_MAX - HEADER) return NULL;
        return with_header(malloc(HEADER + size), LARGE);
    }
    uint32_t class_index = (uint32_t)((size - 1) / STEP);
    thread_cache *cache = cache_of_this_thread();
    if (cache != NULL && cache->free_lists[class_index] != NULL) {
        cached_block *block = cache->free_lists[class_index];
        cache->free_lists[class_index] = block->next;
        cache->bytes -= HEADER + capacity_of_class(class_index);
        return block;
    }
    return with_header(malloc(HEADER + capacity_of_class(class_index)), class_index);
}

void fc_xml_free_block(void *block) {
    if (block == NULL) return;
    header *head = header_of(block);
    if (head->magic != MAGIC) abort(); /* not one of ours: freeing it would corrupt the heap */
    uint32_t class_index = head->class_index;
    if (class_index == LARGE) {
        head->magic = 0;
        free(head);
        return;
    }
    size_t bytes = HEADER + capacity_of_class(class_index);
    thread_cache *cache = cache_of_this_thread();
    if (cache == NULL || cache->bytes + bytes > CACHE_LIMIT) {
        head->magic = 0;
        free(head);
        return;
    }
    cached_block *cached = block;
    cached->next = cache->free_lists[class_index];
    cache->free_lists[class_index] = cached;
    cache->bytes += bytes;
}

void *fc_xml_realloc(void *block, size_t size) {
    if (block == NULL) return fc_xml_malloc(size);
    header *head = header_of(block);
    if (head->magic != MAGIC) abort();
    if (size == 0) size = 1;
    if (head->class_index == LARGE) {
        if (size > SIZE_MAX - HEADER) return NULL;
        header *moved = realloc(head, HEADER + size);
        return moved == NULL ? NULL : (char *)moved + HEADER;
    }
    size_t capacity = capacity_of_class(head->class_index);
    if (size <= capacity) return block;
    void *larger = fc_xml_malloc(size);
    if (larger == NULL) return NULL;
    memcpy(larger, block, capacity);
    fc_xml_free_block(block);
    return larger;
}

char *fc_xml_strdup(const char *text) {
    if (text == NULL) return NULL;
    size_t length = strlen(text) + 1;
    char *copy = fc_xml_malloc(length);
    if (copy != NULL) memcpy(copy, text, length);
    return copy;
}

size_t fc_xml_cached_bytes(void) {
    return current == NULL ? 0 : current->bytes;
}
