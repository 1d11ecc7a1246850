// Chronoscope platform (web): running out of memory, for the page's instances and the worker's alike.
//
// The engine is built without C++ exceptions, so an allocation that fails (the heap cannot grow past its maximum)
// ends in abort(). The scripts cannot undo an abort, but they can say what it was: the new-handler below marks it
// as running out of memory (Module.csOutOfMemory) before aborting, and the scripts report "not enough memory"
// instead of "Aborted()" and replace the instance (web/src/display.js), or end the worker. Where the scripts
// allocate themselves (_malloc) they check for 0 and refuse before anything aborts.
#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#include <emscripten/heap.h>

#include <cstdlib>
#include <new>

static void OutOfMemory()
{
    EM_ASM({ Module["csOutOfMemory"] = true; });
    abort();
}

[[maybe_unused]] static const bool g_new_handler = (std::set_new_handler(OutOfMemory), true);

extern "C" {

// The most the heap may grow to, in bytes (the link option MAXIMUM_MEMORY).
EMSCRIPTEN_KEEPALIVE double cs_heap_max() { return (double)emscripten_get_heap_max(); }

} // extern "C"
#endif
