#ifndef CHEAP_H
#define CHEAP_H
#include <stddef.h>

/// Bytes the C allocator has handed out and not had back (glibc's mallinfo2: small blocks plus
/// mmapped ones); 0 where that is not available.
size_t cheap_heap_in_use(void);

#endif
